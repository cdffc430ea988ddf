package io.rudp.examples;

import java.util.Arrays;

/** Entry point of {@code rudp-examples.jar}: {@code java -jar rudp-examples.jar <command> [options]}. */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String command = args.length == 0 ? "help" : args[0];
        final String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command)
        {
            case "demo" -> System.exit(LoopbackDemo.run(rest));
            case "demo-sim" -> System.exit(InProcessDemo.run(rest));
            case "echo-server" -> System.exit(guard(() -> EchoServer.run(rest)));
            case "echo-client" -> System.exit(guard(() -> EchoClient.run(rest)));
            case "perf-server" -> System.exit(guard(() -> PerfServer.run(rest)));
            case "perf-client" -> System.exit(guard(() -> PerfClient.run(rest)));
            case "ss" -> System.exit(guard(() -> SocketTableCommand.run(rest)));
            case "help", "-h", "--help" -> usage(0);
            default ->
            {
                System.err.println("unknown command: " + command);
                usage(2);
            }
        }
    }

    @FunctionalInterface
    private interface Command
    {
        int run() throws Exception;
    }

    /** Runs a command, turning bad arguments and failures into a message and a non-zero status. */
    private static int guard(final Command command)
    {
        try
        {
            return command.run();
        }
        catch (final IllegalArgumentException e)
        {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        catch (final Exception e)
        {
            final Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("error: " + cause.getMessage());
            return 1;
        }
    }

    private static void usage(final int status)
    {
        System.out.println("""
            usage: java -jar rudp-examples.jar <command>

            commands:
              demo [message]      an echo server and client in one process over loopback UDP, printing
                                  every segment (SYN seq=1000, SYN+ACK seq=2000 ack=1001, ...)
              demo-sim [message]  the same over a simulated 15 ms link in virtual time (TIME-WAIT included)
              echo-server --port P [--host H] [--trace]
              echo-client --port P [--host H] [--trace] [--count N --size B]
              perf-server --port P [--host H] [--once]
              perf-client --port P [--host H] (--bytes N[K|M|G] | --time S) [--cc newreno|cubic|bbr]

              ss --pid PID [--interval S]  the live connection tables of the rudp sockets in process PID

            every echo and perf command also takes:
              --idle-timeout S    let a connection go after S s with nothing from its peer (0 never; default 300)
              --keepalive S       probe a connection idle for S s; keeps NAT mappings alive (default off)
              --pmtu on|off       path MTU discovery (default on)
              --base-mtu BYTES    the datagram size discovery starts from (default 1200)
              --max-datagram BYTES  the largest datagram sent or accepted (default 65507)
              --pcap FILE         write every segment of the socket to FILE as TCP/IP packets (pcap)
            """);
        System.exit(status);
    }
}
