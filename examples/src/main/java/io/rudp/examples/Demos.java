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

        @picocli.CommandLine.Option(names = "--loss", description = "The seed's exchange instead: 300 bytes, then 100"
            + " at seq 1301 dropped once by a relay; the timeout, the retransmission, ACK 1401, the teardown.")
        boolean loss;

        @Override
        public Integer call() throws Exception
        {
            if (loss && !message.isEmpty())
            {
                throw new IllegalArgumentException("--loss sends the seed's bytes: give no MESSAGE with it");
            }
            return loss ? LoopbackDemo.runWithLoss() : LoopbackDemo.run(message.toArray(new String[0]));
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
