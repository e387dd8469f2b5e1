using System.Globalization;
using System.Text.Json;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// JSON numbers as Hugging Face tokenizers reads and writes them (serde_json's <c>f64</c>): <see cref="Parse"/> rounds
/// as serde_json does without its <c>float_roundtrip</c> feature, and <see cref="Format"/> writes the shortest digits
/// in ryu's layout with a sign on every exponent (<c>0.0</c>, <c>-1.5</c>, <c>12.0</c>, <c>0.0001</c>, <c>1e-6</c>,
/// <c>1.5e-7</c>, <c>1e+16</c>), where .NET writes <c>0</c>, <c>12</c>, <c>1E-06</c>. Goldens/hf-floats.tsv holds
/// what Hugging Face itself reads and writes back for a few hundred numbers.
/// </summary>
internal static class RustFloat
{
    /// <summary>The text of <paramref name="value"/> as serde_json writes it (finite values only).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no form for NaN or infinity");
        if (value == 0)
            return double.IsNegative(value) ? "-0.0" : "0.0";
        // "E16" is not shortest; "R" is, in one of several layouts: take its digits and exponent apart.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        string mantissa = e >= 0 ? r[..e] : r;
        int exponent = e >= 0 ? int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot >= 0 ? string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1)) : mantissa;
        int point = (dot >= 0 ? dot : mantissa.Length) + exponent; // the decimal point sits after this many digits
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
            lead++;
        digits = digits[lead..];
        point -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";

        string sign = value < 0 ? "-" : "";
        int length = digits.Length;
        if (length <= point && point <= 16)
            return sign + digits + new string('0', point - length) + ".0";
        if (0 < point && point <= 16)
            return sign + digits[..point] + "." + digits[point..];
        if (-5 < point && point <= 0)
            return sign + "0." + new string('0', -point) + digits;
        string exp = (point > 1 ? "+" : "") + (point - 1).ToString(CultureInfo.InvariantCulture);
        return length == 1 ? sign + digits + "e" + exp : sign + digits[..1] + "." + digits[1..] + "e" + exp;
    }

    /// <summary>
    /// Reads a JSON number as serde_json 1.x reads it into an <c>f64</c> without its <c>float_roundtrip</c> feature,
    /// which is how Hugging Face tokenizers is built: the decimal digits are gathered into a <c>u64</c> (digits that
    /// would overflow it are dropped, integer digits then counting as powers of ten), converted to <c>f64</c>, then
    /// multiplied or divided once by a power of ten. With 17 or more significant digits that rounds twice, so the
    /// value can be one unit in the last place away from the correctly rounded one .NET reads; a Unigram score read
    /// the .NET way then breaks ties differently from Hugging Face (seen on trained models: about a third of the
    /// scores HF writes read back differently).
    /// </summary>
    /// <param name="raw">The number's JSON text (valid JSON number syntax).</param>
    /// <exception cref="OverflowException">The number is too large for a double (serde_json's "number out of range").</exception>
    public static double Parse(ReadOnlySpan<byte> raw)
    {
        const ulong Max = ulong.MaxValue;
        int i = 0;
        bool positive = true;
        if (i < raw.Length && raw[i] == (byte)'-')
        {
            positive = false;
            i++;
        }
        ulong significand = 0;
        int exponent = 0;
        bool overflowed = false;
        for (; i < raw.Length && IsDigit(raw[i]); i++)
        {
            ulong digit = (ulong)(raw[i] - '0');
            if (!overflowed && Overflows(significand, digit))
                overflowed = true;
            if (overflowed)
                exponent++; // parse_long_integer: a dropped integer digit still counts
            else
                significand = significand * 10 + digit;
        }
        if (i < raw.Length && raw[i] == (byte)'.')
        {
            i++;
            bool dropping = false;
            for (; i < raw.Length && IsDigit(raw[i]); i++)
            {
                ulong digit = (ulong)(raw[i] - '0');
                if (!dropping && Overflows(significand, digit))
                    dropping = true; // parse_decimal_overflow: the remaining fraction digits are ignored
                if (!dropping)
                {
                    significand = significand * 10 + digit;
                    exponent--;
                }
            }
        }
        if (i < raw.Length && (raw[i] == (byte)'e' || raw[i] == (byte)'E'))
        {
            i++;
            bool positiveExponent = true;
            if (raw[i] == (byte)'+' || raw[i] == (byte)'-')
                positiveExponent = raw[i++] == (byte)'+';
            int e = 0;
            for (; i < raw.Length && IsDigit(raw[i]); i++)
            {
                int digit = raw[i] - '0';
                if (e >= int.MaxValue / 10 && (e > int.MaxValue / 10 || digit > int.MaxValue % 10))
                    return significand == 0 || !positiveExponent ? (positive ? 0.0 : -0.0) : throw new OverflowException("number out of range");
                e = e * 10 + digit;
            }
            exponent = positiveExponent ? (int)Math.Clamp((long)exponent + e, int.MinValue, int.MaxValue) : (int)Math.Clamp((long)exponent - e, int.MinValue, int.MaxValue);
        }

        double f = significand; // round to nearest, ties to even, as Rust's `as f64`
        while (true)
        {
            int power = exponent == int.MinValue ? int.MaxValue : Math.Abs(exponent);
            if (power < s_pow10.Length)
            {
                if (exponent >= 0)
                {
                    f *= s_pow10[power];
                    if (double.IsInfinity(f))
                        throw new OverflowException("number out of range");
                }
                else
                {
                    f /= s_pow10[power];
                }
                break;
            }
            if (f == 0)
                break;
            if (exponent >= 0)
                throw new OverflowException("number out of range");
            f /= 1e308;
            exponent += 308;
        }
        return positive ? f : -f;

        static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
        static bool Overflows(ulong value, ulong digit) => value >= Max / 10 && (value > Max / 10 || digit > Max % 10);
    }

    /// <summary>1e0 ... 1e308, each the correctly rounded double (serde_json's <c>POW10</c>).</summary>
    private static readonly double[] s_pow10 = Powers();

    /// <remarks>A loop rather than a Linq query: generic code compiled at a first load (nine methods).</remarks>
    private static double[] Powers()
    {
        var powers = new double[309];
        for (int k = 0; k < powers.Length; k++)
            powers[k] = double.Parse("1e" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return powers;
    }

    /// <summary>Writes <paramref name="value"/> as an array element or property value.</summary>
    public static void Write(Utf8JsonWriter writer, double value) => writer.WriteRawValue(Format(value), skipInputValidation: true);
}
