package io.rudp.examples;

import java.util.Arrays;

/** Entry point of {@code rudp-examples.jar}: {@code java -jar rudp-examples.jar <command> [options]}. */
public final class Main
{
    private Main()
    {
    }

    public static void main(final String[] args)
    {
        final String command = args.length == 0 ? "help" : args[0];
        final String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command)
        {
            case "demo" -> System.exit(InProcessDemo.run(rest));
            case "help", "-h", "--help" -> usage(0);
            default ->
            {
                System.err.println("unknown command: " + command);
                usage(2);
            }
        }
    }

    private static void usage(final int status)
    {
        System.out.println("""
            usage: java -jar rudp-examples.jar <command>

            commands:
              demo    an echo client and server exchanging one message over rudp, in one process,
                      printing every segment in TCP terms (SYN seq=1000, SYN+ACK seq=2000 ack=1001, ...)
            """);
        System.exit(status);
    }
}
