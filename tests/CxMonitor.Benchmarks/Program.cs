Console.Error.WriteLine("usage: dotnet run -c Release --project tests/CxMonitor.Benchmarks -- <scenario>");
return 2;
