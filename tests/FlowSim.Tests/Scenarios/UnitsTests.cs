using FlowSim.Scenarios;

namespace FlowSim.Tests.Scenarios;

/// <summary>The units scenario files are written in, converted to days and per-day quantities.</summary>
public class UnitsTests
{
    private const double Month = 365.0 / 12.0;

    public class TryParseDuration
    {
        [Theory]
        [InlineData("36h", 1.5)]
        [InlineData("5d", 5)]
        [InlineData("10w", 70)]
        [InlineData("6mo", 6 * Month)]
        [InlineData("2y", 730)]
        [InlineData("0", 0)]
        [InlineData(" 1e3d ", 1000)]
        [InlineData("2.5w", 17.5)]
        public void Converts_to_days(string text, double days)
        {
            Assert.True(Units.TryParseDuration(text, out var value, out var error), error);
            Assert.Equal(days, value, 1e-12);
        }

        [Fact]
        public void Reads_the_sign_so_the_loader_can_say_a_lead_time_must_not_be_negative()
        {
            Assert.True(Units.TryParseDuration("-3d", out var days, out _));
            Assert.Equal(-3, days);
        }

        [Theory]
        [InlineData("5", "has no unit", "5d")]
        [InlineData("5x", "unknown unit 'x'", "h, d, w, mo, y")]
        [InlineData("2m", "'m' is ambiguous", "mo")]
        [InlineData("soon", "expected a duration such as 5d")]
        [InlineData("", "expected a duration")]
        [InlineData("1e400d", "'1e400d' is too large")]
        [InlineData("1e308y", "'1e308y' is too large")]
        [InlineData("201y", "'201y' is too long; durations are limited to 200y")]
        [InlineData("-80000d", "'-80000d' is too long; durations are limited to 200y")]
        [InlineData("NaNd", "expected a duration")]
        public void Refuses_with_a_message(string text, params string[] words)
        {
            Assert.False(Units.TryParseDuration(text, out var days, out var error));
            Assert.Equal(0, days);
            foreach (var word in words)
            {
                Assert.Contains(word, error);
            }
        }
    }

    public class TryParseRatePerDay
    {
        [Theory]
        [InlineData("20/day", 20)]
        [InlineData("140/week", 20)]
        [InlineData("600/month", 600 / Month)]
        [InlineData("3650/year", 10)]
        [InlineData("7", 7)]
        [InlineData("14/w", 2)]
        public void Converts_to_units_per_day(string text, double perDay)
        {
            Assert.True(Units.TryParseRatePerDay(text, out var value, out var error), error);
            Assert.Equal(perDay, value, 1e-12);
        }

        [Theory]
        [InlineData("20/fortnight", "unknown unit '/fortnight'", "/day, /week, /month, /year")]
        [InlineData("20 a day", "expected a quantity per period such as 20/day")]
        [InlineData("1e400/day", "too large")]
        [InlineData("NaN/day", "not a number")]
        public void Refuses_with_a_message(string text, params string[] words)
        {
            Assert.False(Units.TryParseRatePerDay(text, out _, out var error));
            foreach (var word in words)
            {
                Assert.Contains(word, error);
            }
        }
    }

    public class TryParseFraction
    {
        [Theory]
        [InlineData("95%", 0.95)]
        [InlineData("0.95", 0.95)]
        [InlineData("30 %", 0.3)]
        [InlineData("120%", 1.2)]
        public void Reads_a_share_written_either_way(string text, double share)
        {
            Assert.True(Units.TryParseFraction(text, out var value, out var error), error);
            Assert.Equal(share, value, 1e-12);
        }

        [Theory]
        [InlineData("95%/year", "expected a share such as 0.95 or 95%")]
        [InlineData("most%", "expected a percentage such as 95%")]
        [InlineData("1e400%", "too large")]
        [InlineData("NaN", "not a number")]
        [InlineData("Infinity", "not a finite number")]
        public void Refuses_with_a_message(string text, string words)
        {
            Assert.False(Units.TryParseFraction(text, out _, out var error));
            Assert.Contains(words, error);
        }
    }

    public class TryParseYearlyRate
    {
        [Theory]
        [InlineData("25%/year", 0.25)]
        [InlineData("25%", 0.25)]
        [InlineData("0.25", 0.25)]
        [InlineData("2%/month", 0.24)]
        [InlineData("1%/week", 0.01 * 365 / 7)]
        public void Converts_to_a_yearly_share(string text, double perYear)
        {
            Assert.True(Units.TryParseYearlyRate(text, out var value, out var error), error);
            Assert.Equal(perYear, value, 1e-12);
        }

        [Theory]
        [InlineData("25%/fortnight", "unknown unit '/fortnight'")]
        [InlineData("a quarter", "expected a yearly rate such as 25%/year")]
        [InlineData("1e308/day", "too large")]
        [InlineData("1e400%/year", "too large")]
        public void Refuses_with_a_message(string text, string words)
        {
            Assert.False(Units.TryParseYearlyRate(text, out _, out var error));
            Assert.Contains(words, error);
        }
    }

    public class TryParseNumber
    {
        [Theory]
        [InlineData("12.5", 12.5)]
        [InlineData("-4", -4)]
        [InlineData("1e12", 1e12)]
        [InlineData("-1e12", -1e12)]
        [InlineData(" 7 ", 7)]
        public void Reads_finite_numbers_with_a_dot_for_decimals(string text, double number)
        {
            Assert.True(Units.TryParseNumber(text, out var value, out var error), error);
            Assert.Equal(number, value);
        }

        [Theory]
        [InlineData("1e400", "'1e400' is too large; numbers in a scenario are limited to 1e12 (a million million)")]
        [InlineData("-1e400", "'-1e400' is too large; numbers in a scenario are limited to 1e12 (a million million)")]
        [InlineData("1.000001e12", "'1.000001e12' is too large; numbers in a scenario are limited to 1e12 (a million million)")]
        [InlineData("1e300", "'1e300' is too large; numbers in a scenario are limited to 1e12 (a million million)")]
        [InlineData("NaN", "'NaN' is not a number")]
        [InlineData("Infinity", "'Infinity' is not a finite number")]
        [InlineData("-Infinity", "'-Infinity' is not a finite number")]
        [InlineData("1,5", "expected a number, got '1,5'")]
        [InlineData("ten", "expected a number, got 'ten'")]
        public void Refuses_what_is_not_a_finite_number(string text, string message)
        {
            Assert.False(Units.TryParseNumber(text, out var value, out var error));
            Assert.Equal(0, value);
            Assert.Equal(message, error);
        }
    }

    public class FormatDays
    {
        [Theory]
        [InlineData(14, "2w")]
        [InlineData(10, "10d")]
        [InlineData(1.5, "1.5d")]
        [InlineData(double.PositiveInfinity, "unlimited")]
        public void Writes_weeks_when_whole_and_days_otherwise(double days, string text)
        {
            Assert.Equal(text, Units.FormatDays(days));
        }
    }
}
