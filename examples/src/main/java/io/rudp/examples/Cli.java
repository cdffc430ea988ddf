package io.rudp.examples;

import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;
import io.rudp.core.config.RudpConfig;
import picocli.CommandLine;

import java.net.BindException;
import java.net.InetSocketAddress;

/** What the example commands share on the command line: value converters and binding with a clear error. */
final class Cli
{
    private Cli()
    {
    }

    /** A UDP/rudp port, 1..65535. */
    static final class Port implements CommandLine.ITypeConverter<Integer>
    {
        @Override
        public Integer convert(final String value)
        {
            final int port;
            try
            {
                port = Integer.parseInt(value);
            }
            catch (final NumberFormatException e)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a port number");
            }
            if (port < 1 || port > 65_535)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a port: give 1 to 65535");
            }
            return port;
        }
    }

    /** A byte count like {@code 100}, {@code 64K}, {@code 10M}, {@code 1G} (powers of 1024), positive. */
    static final class Bytes implements CommandLine.ITypeConverter<Long>
    {
        @Override
        public Long convert(final String value)
        {
            final String v = value.trim().toUpperCase(java.util.Locale.ROOT);
            long unit = 1;
            String digits = v;
            if (v.endsWith("K") || v.endsWith("M") || v.endsWith("G"))
            {
                unit = v.endsWith("K") ? 1L << 10 : v.endsWith("M") ? 1L << 20 : 1L << 30;
                digits = v.substring(0, v.length() - 1);
            }
            try
            {
                final long n = Long.parseLong(digits);
                if (n <= 0)
                {
                    throw new CommandLine.TypeConversionException("'" + value + "' must be positive");
                }
                return Math.multiplyExact(n, unit);
            }
            catch (final NumberFormatException | ArithmeticException e)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size like 100, 64K, 10M or 1G");
            }
        }
    }

    /** Binds, saying which address could not be bound and why. */
    static RudpSocket bind(final RudpLoop loop, final InetSocketAddress address, final RudpConfig config)
        throws java.io.IOException
    {
        try
        {
            return loop.bind(address, config);
        }
        catch (final BindException e)
        {
            throw new BindException("cannot bind UDP " + address + ": " + e.getMessage());
        }
    }

    /** The address a server binds: {@code host} (all interfaces when null) and {@code port}. */
    static InetSocketAddress serverAddress(final String host, final int port)
    {
        return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }
}
