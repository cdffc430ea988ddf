package io.rudp.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Entry point of {@code rudp-examples.jar}: {@code java -jar rudp-examples.jar <command> [options]}.
 * Each command has {@code --help}; a usage error names the option and exits with status 2, a
 * failure prints what failed and exits with 1.
 */
@Command(name = "java -jar rudp-examples.jar", mixinStandardHelpOptions = true, version = "rudp examples 0.1.0",
    description = "rudp's examples: a reliable, TCP-like stream over UDP.",
    subcommands = {Demos.Loopback.class, Demos.Simulated.class, EchoServer.class, EchoClient.class, PerfServer.class,
        PerfClient.class, SocketTableCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable
{
    /** This command, as picocli built it (for its usage errors). */
    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command and its options
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with rudp's error handling: usage errors exit 2, failures 1, both in one line. */
    static CommandLine commandLine()
    {
        final CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((e, args) ->
        {
            final CommandLine command = e.getCommandLine();
            command.getErr().println(command.getCommandName() + ": " + e.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((e, command, parseResult) ->
        {
            final String name = command.getCommandName();
            if (e instanceof CommandLine.ParameterException || e instanceof IllegalArgumentException)
            {
                command.getErr().println(name + ": " + e.getMessage());
                command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
                return CommandLine.ExitCode.USAGE;
            }
            Throwable cause = e;
            while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null)
            {
                cause = cause.getCause();
            }
            command.getErr().println(name + ": error: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cl;
    }
}
