// Generates the Kiln & Clay history files used by `flowsim fit` and `flowsim segment`:
//
//     dotnet run scenarios/data/generate-history.cs     (from the repository root)
//
// writes scenarios/data/kiln-clay-demand.csv (three years of daily demand at the studio) and
// scenarios/data/kiln-clay-receipts.csv (orders from the kiln partner and when they arrived).
// What is planted, so the fit has something to find:
//   - mug: Poisson, 5.5/day in 2023 growing 8% a year, weekend peaks (Sat x1.6, Sun x1.4), and a
//     press feature that triples sales for a week in May 2024;
//   - dinner-plate: lumpy negative binomial (mean 4/day, sd 7/day) and two cafe orders of 60;
//   - vase: gamma (cv 80%) with a strong Christmas season (December x3);
//   - heirloom-platter: slow Poisson, 0.3/day;
//   - receipts: lognormal lead time, mean 70 days, sd 9 days, and a kiln breakdown in March 2024
//     that delays what was in the kiln by three weeks.
// Deterministic (no clock, a fixed-seed generator of our own), so running it again reproduces the
// committed files byte for byte.
using System.Globalization;
using System.Text;

var rng = new SplitMix(20261130);
var inv = CultureInfo.InvariantCulture;
var first = new DateOnly(2023, 1, 1);
var last = new DateOnly(2025, 12, 31);
double[] weekly = [0.8, 0.8, 0.9, 1.0, 1.1, 1.6, 1.4];            // Monday first
double[] vaseMonths = [0.6, 0.7, 0.8, 0.9, 1.2, 0.8, 0.7, 0.7, 0.9, 1.1, 1.6, 3.0];
var weeklyMean = weekly.Average();
var vaseMean = vaseMonths.Average();

var demand = new StringBuilder("date,item,location,quantity\n");
for (var day = first; day <= last; day = day.AddDays(1))
{
    var years = (day.DayNumber - first.DayNumber) / 365.0;
    var dow = ((int)day.DayOfWeek + 6) % 7;

    var mugMean = 5.5 * Math.Pow(1.08, years) * weekly[dow] / weeklyMean;
    if (day >= new DateOnly(2024, 5, 13) && day < new DateOnly(2024, 5, 20))
    {
        mugMean *= 3;   // the press feature
    }

    var plates = rng.NegativeBinomial(4, 7);
    if (day == new DateOnly(2023, 9, 14) || day == new DateOnly(2025, 3, 6))
    {
        plates += 60;   // a cafe fits out its tables
    }

    var vase = Math.Round(rng.Gamma(1.5 * vaseMonths[day.Month - 1] / vaseMean, 0.8));
    Row(day, "mug", rng.Poisson(mugMean));
    Row(day, "dinner-plate", plates);
    Row(day, "vase", vase);
    Row(day, "heirloom-platter", rng.Poisson(0.3));
}

void Row(DateOnly day, string item, double quantity)
{
    // Days without sales have no row, as in a real sales export.
    if (quantity > 0)
    {
        demand.Append(inv, $"{day:yyyy-MM-dd},{item},studio,{quantity}\n");
    }
}

var receipts = new StringBuilder("order_date,receipt_date,supplier,item,location,quantity\n");
var breakdownStart = new DateOnly(2024, 3, 4);
var breakdownEnd = new DateOnly(2024, 3, 25);
string[] items = ["mug", "dinner-plate", "vase", "heirloom-platter"];
double[] lots = [600, 400, 200, 40];
for (var order = first; order <= last.AddDays(-120); order = order.AddDays(14))
{
    for (var i = 0; i < items.Length; i++)
    {
        if (i == 3 && (order.DayNumber / 14) % 4 != 0)
        {
            continue;   // platters are fired once every eight weeks
        }

        var leadDays = (int)Math.Round(rng.LogNormal(70, 9));
        var receipt = order.AddDays(leadDays);
        if (order < breakdownEnd && receipt > breakdownStart)
        {
            receipt = receipt.AddDays(21);
        }

        receipts.Append(inv, $"{order:yyyy-MM-dd},{receipt:yyyy-MM-dd},kiln,{items[i]},studio,{lots[i]}\n");
    }
}

var folder = Path.Combine("scenarios", "data");
File.WriteAllText(Path.Combine(folder, "kiln-clay-demand.csv"), demand.ToString());
File.WriteAllText(Path.Combine(folder, "kiln-clay-receipts.csv"), receipts.ToString());
Console.WriteLine($"wrote {folder}/kiln-clay-demand.csv and kiln-clay-receipts.csv");

/// <summary>SplitMix64: small, fast, and the same on every machine and .NET version.</summary>
internal sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public double Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return ((z >> 11) + 0.5) / (1UL << 53);   // in (0, 1)
    }

    public double Normal() => Math.Sqrt(-2 * Math.Log(Next())) * Math.Cos(2 * Math.PI * Next());

    public double Poisson(double mean)
    {
        // Knuth's product of uniforms: fine for the small daily means here.
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = Next(); p > limit; p *= Next())
        {
            k++;
        }

        return k;
    }

    /// <summary>Gamma with the given mean and coefficient of variation (Marsaglia and Tsang).</summary>
    public double Gamma(double mean, double cv)
    {
        var alpha = 1 / (cv * cv);
        var d = (alpha < 1 ? alpha + 1 : alpha) - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var z = Normal();
            var v = Math.Pow(1 + (c * z), 3);
            if (v > 0 && Math.Log(Next()) < (0.5 * z * z) + d - (d * v) + (d * Math.Log(v)))
            {
                // A shape below 1 is drawn as shape + 1 and scaled down by U^(1/shape).
                var x = alpha < 1 ? d * v * Math.Pow(Next(), 1 / alpha) : d * v;
                return x * mean / alpha;
            }
        }
    }

    /// <summary>Negative binomial with the given mean and sd, as a Poisson with a gamma-distributed mean.</summary>
    public double NegativeBinomial(double mean, double sd) => Poisson(Gamma(mean, Math.Sqrt((sd * sd) - mean) / mean));

    public double LogNormal(double mean, double sd)
    {
        var sigma2 = Math.Log(1 + (sd * sd / (mean * mean)));
        return Math.Exp(Math.Log(mean) - (sigma2 / 2) + (Math.Sqrt(sigma2) * Normal()));
    }
}
