using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FlowSim.Tests.Cli;
using YamlDotNet.Serialization;

namespace FlowSim.Tests.Deploy;

/// <summary>
/// Runs the command lines of <c>deploy/</c> as written, on this machine: the Kubernetes Jobs' pods
/// through a stand-in <c>kubectl</c>, the Slurm scripts through a stand-in <c>sbatch</c>
/// (<c>Deploy/Fakes/</c>), with <c>flowsim</c> on the PATH being the CLI built with the tests. Each
/// study starts from a fresh folder that holds only the scenario, as a new volume would, and is cut
/// smaller than the files' million trials so that it runs in seconds.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Process)]
public sealed partial class DeployRunTests : IDisposable
{
    private const int Trials = 24;
    private const int KubernetesShards = 4;
    private const string Scenario = "scenarios/port-closure.yaml";

    /// <summary>Where the deploy files expect the scenario, relative to the study folder.</summary>
    private const string Study = "scenarios/study.yaml";

    /// <summary>The results of the single run every merged study must equal.</summary>
    private static readonly Lazy<byte[]> SingleRun = new(RunOnce);

    private readonly string _root = Directory.CreateTempSubdirectory("flowsim-deploy-").FullName;

    public DeployRunTests()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(State);
        StudyFolder(Data);
        Executable("flowsim", $"#!/bin/sh\nexec {Quote(DotnetHost())} {Quote(ChildProcess.CliDll)} \"$@\"\n");
        foreach (var fake in new[] { "kubectl", "sbatch" })
        {
            Executable(fake, File.ReadAllText(RepoFiles.Path($"tests/FlowSim.Tests/Deploy/Fakes/{fake}")));
        }
    }

    /// <summary>The study folder: the shared volume mounted at /data, or the Slurm submission folder.</summary>
    private string Data => Path.Combine(_root, "data");

    private string Bin => Path.Combine(_root, "bin");

    private string State => Path.Combine(_root, "state");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Given_a_fresh_volume_When_the_Kubernetes_study_is_submitted_Then_the_merged_results_are_the_single_runs()
    {
        WritePods();

        var (code, stdout, stderr) = Sh(RepoFiles.Path("deploy/kubernetes/submit.sh"));

        Assert.True(code == 0, $"submit.sh exited {code}\n{stdout}\n{stderr}");
        Assert.Equal(KubernetesShards, Directory.GetFiles(Path.Combine(Data, "shards"), "part-*.flowsim").Length);
        Assert.Equal(SingleRun.Value, File.ReadAllBytes(Path.Combine(Data, "results.json")));
        Assert.True(File.Exists(Path.Combine(Data, "report.html")));
    }

    [Fact]
    public void Given_a_Kubernetes_shard_that_fails_When_submitted_Then_the_wait_ends_and_the_merge_refuses_naming_the_missing_shard()
    {
        WritePods();

        var (code, stdout, stderr) = Sh(RepoFiles.Path("deploy/kubernetes/submit.sh"), ("FAKE_KUBE_LOSE_INDEX", "1"));

        Assert.Equal(1, code);
        Assert.Contains("flowsim-shards failed (failed indexes: 1)", stderr);
        Assert.Contains("the study did not finish", stderr);
        // The merge pod's log: merge's own refusal (exit 2), which names the shard to run again.
        Assert.Contains($"shard 1/{KubernetesShards} (trials 6 to 11) is missing", stdout);
        Assert.Equal("FailureTarget Failed", File.ReadAllText(Path.Combine(State, "status", "flowsim-merge")).Trim());
        Assert.False(File.Exists(Path.Combine(Data, "results.json")));
    }

    [Fact]
    public void Given_a_fresh_folder_When_the_Slurm_study_is_submitted_Then_the_merged_results_are_the_single_runs()
    {
        var (code, stdout, stderr) = Sh(RepoFiles.Path("deploy/slurm/submit.sh"), Study, $"{Trials}", "2");

        Assert.True(code == 0, $"submit.sh exited {code}\n{stdout}\n{stderr}");
        Assert.True(JobState(1) == "COMPLETED" && JobState(2) == "COMPLETED", SlurmLogs());
        Assert.Equal(SingleRun.Value, File.ReadAllBytes(Path.Combine(Data, "results.json")));
        Assert.True(File.Exists(Path.Combine(Data, "report.html")));
    }

    [Fact]
    public void Given_a_Slurm_shard_that_fails_When_submitted_Then_the_merge_still_runs_and_refuses_naming_the_missing_shard()
    {
        var (code, stdout, stderr) = Sh(RepoFiles.Path("deploy/slurm/submit.sh"), [("FAKE_SLURM_LOSE_TASK", "1")], Study, $"{Trials}", "3");

        Assert.True(code == 0, $"submit.sh exited {code}\n{stdout}\n{stderr}");
        Assert.Equal("FAILED", JobState(1));
        // With afterok the merge would stay pending for ever; with afterany it runs and refuses.
        Assert.Equal("FAILED", JobState(2));
        Assert.Contains("shard 1/3 (trials 8 to 15) is missing", File.ReadAllText(Path.Combine(Data, "logs", "merge.log")));
        Assert.False(File.Exists(Path.Combine(Data, "results.json")));
    }

    /// <summary>
    /// Writes, for each Job in deploy/kubernetes, what its pods run: the container's command and
    /// args (the image's entrypoint <c>flowsim</c> when there is no command), its environment with
    /// the completion index, in its working folder, with the volume's /data mapped to the study folder.
    /// </summary>
    private void WritePods()
    {
        foreach (var file in Directory.GetFiles(RepoFiles.Path("deploy/kubernetes"), "*.yaml"))
        {
            var manifest = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(Smaller(File.ReadAllText(file)));
            if ((string)manifest["kind"] != "Job")
            {
                continue;
            }

            var jobs = Directory.CreateDirectory(Path.Combine(State, "jobs", Path.GetFileName(file))).FullName;
            var name = (string)Map(manifest["metadata"])["name"];
            File.WriteAllText(Path.Combine(jobs, "name"), name);
            var spec = Map(manifest["spec"]);
            var completions = spec.TryGetValue("completions", out var c) ? int.Parse((string)c) : 1;
            var pod = Map(Map(spec["template"])["spec"]);
            var container = Map(List(pod["containers"]).Single());
            var mount = (string)Map(List(container["volumeMounts"]).Single())["mountPath"];
            Assert.Equal("/data", mount);
            Assert.Equal(mount, (string)container["workingDir"]);

            for (var index = 0; index < completions; index++)
            {
                var env = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = $"{index}" };
                foreach (var variable in container.TryGetValue("env", out var e) ? List(e).Select(Map) : Enumerable.Empty<Dictionary<object, object>>())
                {
                    env[(string)variable["name"]] = variable.TryGetValue("value", out var value)
                        ? ((string)value).Replace(mount + "/", Data + "/", StringComparison.Ordinal)
                        : CompletionIndex(variable, index);
                }

                var argv = (container.TryGetValue("command", out var command) ? List(command).Cast<string>() : new[] { "flowsim" })
                    .Concat(container.TryGetValue("args", out var args) ? List(args).Cast<string>() : [])
                    .Select(a => KubernetesVariable().Replace(a, m => env.GetValueOrDefault(m.Groups[1].Value, m.Value)))
                    .Select(a => a.Replace(mount + "/", Data + "/", StringComparison.Ordinal));
                var script = new StringBuilder($"cd {Quote(Data)}\n");
                foreach (var (key, value) in env)
                {
                    script.Append($"export {key}={Quote(value)}\n");
                }

                script.Append("exec ").AppendJoin(' ', argv.Select(Quote)).Append('\n');
                File.WriteAllText(Path.Combine(jobs, $"pod-{index}.sh"), script.ToString());
            }
        }
    }

    /// <summary>The manifest cut to <see cref="Trials"/> trials in <see cref="KubernetesShards"/> shards; every number it changes must be there.</summary>
    private static string Smaller(string manifest)
    {
        if (!manifest.Contains("completionMode: Indexed", StringComparison.Ordinal))
        {
            return manifest;
        }

        foreach (var (pattern, value) in new[] { (@"(?m)^(\s*completions:\s*)\d+", KubernetesShards), (@"(--trials )\d+", Trials), (@"(\$SHARD_INDEX/)\d+", KubernetesShards) })
        {
            Assert.Single(Regex.Matches(manifest, pattern));
            manifest = Regex.Replace(manifest, pattern, m => m.Groups[1].Value + value);
        }

        return manifest;
    }

    private static string CompletionIndex(Dictionary<object, object> variable, int index)
    {
        var field = (string)Map(Map(variable["valueFrom"])["fieldRef"])["fieldPath"];
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", field);
        return $"{index}";
    }

    private string SlurmLogs() =>
        string.Join('\n', Directory.GetFiles(Path.Combine(Data, "logs")).Order().Select(f => $"{Path.GetFileName(f)}: {File.ReadAllText(f)}"));

    private string JobState(int job) => File.ReadAllText(Path.Combine(State, $"{job}.state")).Trim();

    private (int Code, string Stdout, string Stderr) Sh(string script, params string[] args) => Sh(script, [], args);

    private (int Code, string Stdout, string Stderr) Sh(string script, (string Name, string Value) variable) => Sh(script, [variable]);

    /// <summary>Runs a deploy script from the study folder with the stand-ins first on the PATH; it must end within two minutes.</summary>
    private (int Code, string Stdout, string Stderr) Sh(string script, (string Name, string Value)[] variables, params string[] args)
    {
        var info = new ProcessStartInfo("sh") { WorkingDirectory = Data, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["PATH"] = Bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        info.Environment["FAKE_KUBE"] = State;
        info.Environment["FAKE_SLURM"] = State;
        info.Environment["FLOWSIM_POLL_SECONDS"] = "1";
        foreach (var (name, value) in variables)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} was still running after two minutes:\n{stdout.Result}\n{stderr.Result}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static byte[] RunOnce()
    {
        var folder = Directory.CreateTempSubdirectory("flowsim-deploy-single-").FullName;
        try
        {
            StudyFolder(folder);
            using var run = ChildProcess.Start(folder, "run", Study, "--trials", $"{Trials}", "--json", "results.json");
            var (code, _, stderr) = run.WaitForExit(TimeSpan.FromMinutes(2)) ?? throw new TimeoutException("the single run did not end");
            Assert.True(code == 0, stderr);
            return File.ReadAllBytes(Path.Combine(folder, "results.json"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A folder that holds only the scenario, at the path the deploy files name.</summary>
    private static void StudyFolder(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "scenarios"));
        File.Copy(RepoFiles.Path(Scenario), Path.Combine(folder, Study));
    }

    private void Executable(string name, string text)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, text);
        // The deploy scripts are shell scripts: these tests run where a shell does, never on Windows.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the deploy scripts need a Unix shell");
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    private static List<object> List(object node) => (List<object>)node;

    /// <summary>Kubernetes expands <c>$(NAME)</c> in command and args from the container's environment.</summary>
    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex KubernetesVariable();
}
