// Placeholder until the CLI work lands.
return 0;
