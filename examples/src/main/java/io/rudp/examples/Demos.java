package io.rudp.examples;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** The two demo commands, on the command line. */
final class Demos
{
    private Demos()
    {
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
        description = "An echo server and client in one process over loopback UDP, printing every segment"
            + " (SYN seq=1000, SYN+ACK seq=2000 ack=1001, ...).")
    static final class Loopback implements Callable<Integer>
    {
        @Parameters(arity = "0..*", paramLabel = "MESSAGE", description = "What the client sends (default: hello, rudp).")
        List<String> message = List.of();

        @Override
        public Integer call() throws Exception
        {
            return LoopbackDemo.run(message.toArray(new String[0]));
        }
    }

    @Command(name = "demo-sim", mixinStandardHelpOptions = true,
        description = "The same exchange over a simulated 15 ms link in virtual time (TIME-WAIT included).")
    static final class Simulated implements Callable<Integer>
    {
        @Parameters(arity = "0..*", paramLabel = "MESSAGE", description = "What the client sends (default: hello, rudp).")
        List<String> message = List.of();

        @Override
        public Integer call()
        {
            return InProcessDemo.run(message.toArray(new String[0]));
        }
    }
}
