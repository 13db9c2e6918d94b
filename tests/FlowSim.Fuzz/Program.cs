using FlowSim.Fuzz;
using SharpFuzz;

// AFL (default) or libFuzzer (--libfuzzer) drive the target; "replay FILE..." reruns saved inputs without a fuzzer.
if (args.Length > 0 && args[0] == "replay")
{
    var failed = 0;
    foreach (var path in args.Skip(1))
    {
        try
        {
            var result = FuzzTarget.LoadScenario(File.ReadAllBytes(path));
            Console.WriteLine($"{path}: {(result.Scenario is null ? $"{result.Errors.Count()} error(s)" : "valid")}");
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"{path}: FAILED {e}");
        }
    }

    return failed == 0 ? 0 : 1;
}

if (args.Contains("--libfuzzer"))
{
    Fuzzer.LibFuzzer.Run(data => FuzzTarget.LoadScenario(data));
}
else
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        FuzzTarget.LoadScenario(buffer.ToArray());
    });
}

return 0;
