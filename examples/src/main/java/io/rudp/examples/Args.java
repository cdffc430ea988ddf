package io.rudp.examples;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} arguments, with errors that say what was wrong. */
final class Args
{
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    Args(final String[] args, final Set<String> knownFlags, final Set<String> knownOptions)
    {
        for (int i = 0; i < args.length; i++)
        {
            final String a = args[i];
            if (!a.startsWith("--"))
            {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            final String name = a.substring(2);
            if (knownFlags.contains(name))
            {
                flags.add(name);
            }
            else if (knownOptions.contains(name))
            {
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                values.put(name, args[++i]);
            }
            else
            {
                throw new IllegalArgumentException("unknown option: " + a);
            }
        }
    }

    boolean flag(final String name)
    {
        return flags.contains(name);
    }

    String get(final String name, final String defaultValue)
    {
        return values.getOrDefault(name, defaultValue);
    }

    int intValue(final String name, final int defaultValue)
    {
        final String v = values.get(name);
        if (v == null)
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(v);
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("--" + name + " must be a whole number: " + v);
        }
    }

    int requiredInt(final String name)
    {
        if (!values.containsKey(name))
        {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return intValue(name, 0);
    }

    /** A byte count like {@code 100}, {@code 64K}, {@code 10M}, {@code 1G} (powers of 1024). */
    long bytes(final String name, final long defaultValue)
    {
        final String v = values.get(name);
        return v == null ? defaultValue : parseBytes(v);
    }

    static long parseBytes(final String text)
    {
        final String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long multiplier = 1;
        String digits = t;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G"))
        {
            multiplier = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : 1L << 30;
            digits = t.substring(0, t.length() - 1);
        }
        try
        {
            final long n = Long.parseLong(digits);
            if (n < 0)
            {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, multiplier);
        }
        catch (final NumberFormatException | ArithmeticException e)
        {
            throw new IllegalArgumentException("not a byte count (like 100, 64K, 10M, 1G): " + text);
        }
    }
}
