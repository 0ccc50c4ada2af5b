// Placeholder until the emulator work lands.
return 0;
