using System.Runtime.Versioning;

// The benchmarks pin processes to cores, which .NET supports on Linux and Windows.
[assembly: SupportedOSPlatform("linux")]
[assembly: SupportedOSPlatform("windows")]
