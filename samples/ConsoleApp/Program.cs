Console.WriteLine($"Hello from the PaiImage.Build console sample on {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}.");
