using FlowSim.Tests.Cli;

namespace FlowSim.Tests.Planning;

/// <summary>
/// <c>flowsim optimize</c> runs the candidates of each step of its search side by side: one, two
/// or three threads give the same JSON, byte for byte, for one setting and for several.
/// </summary>
public sealed class OptimizeThreadsTests
{
    private static readonly string Quickstart = RepoFiles.Path("scenarios/quickstart.yaml");

    private static string Json(string[] optimize, int threads)
    {
        var run = CliRunner.Run([.. optimize, "--trials", "5", "--seed", "7", "--threads", $"{threads}", "--format", "json", "--quiet"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    private static void SameOnOneTwoAndThreeThreads(string[] optimize, string search)
    {
        var one = Json(optimize, 1);
        Assert.Contains(search, one, StringComparison.Ordinal);
        Assert.Equal(one, Json(optimize, 2));
        Assert.Equal(one, Json(optimize, 3));
    }

    [Fact]
    public void One_setting_with_its_finer_grid_gives_the_same_json_on_one_two_and_three_threads()
    {
        // No step: 21 values, then a finer grid around the best.
        SameOnOneTwoAndThreeThreads(["optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "85%..97%", "--target", "fill_rate>=0.9"],
            "\"candidates\"");
    }

    [Fact]
    public void Two_settings_on_a_full_grid_give_the_same_json_on_one_two_and_three_threads()
    {
        SameOnOneTwoAndThreeThreads(["optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "85%..95%:5%",
            "--param", "suppliers.kiln.lead_time.max", "--range", "14w..16w:2w", "--target", "fill_rate>=0.5"], "\"search\": \"full-grid\"");
    }

    [Fact]
    public void Two_settings_searched_by_profile_give_the_same_json_on_one_two_and_three_threads()
    {
        // 19 x 7 = 133 combinations: more than a full grid runs, so the search walks a profile.
        SameOnOneTwoAndThreeThreads(["optimize", Quickstart, "--strategy", "buffer", "--param", "service_level", "--range", "80%..98%:1%",
            "--param", "suppliers.kiln.lead_time.max", "--range", "12w..18w:1w", "--target", "fill_rate>=0.8"], "\"search\": \"profile\"");
    }
}
