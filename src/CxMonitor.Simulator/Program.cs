Console.Error.WriteLine("cxmonitor-simulator: not built yet");
return 2;
