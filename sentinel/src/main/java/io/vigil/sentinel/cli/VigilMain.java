package io.vigil.sentinel.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command line: {@code vigil --help}, {@code vigil --version}, and one subcommand per process
 * kind ({@code store}, {@code sentinel}) as they are added.
 */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VigilVersion.class,
        subcommands = {SentinelCommand.class, StoreCommand.class},
        description = "Vigil: a Sentinel-style high-availability supervisor for primary/replica key-value stores.",
        footer = "%nDocumentation: docs/ in the Vigil repository.")
public final class VigilMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given output streams; returns the exit status (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** The configured parser, before any output stream is set. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VigilMain());
        commandLine.getSubcommands().get("sentinel").setUnmatchedOptionsArePositionalParams(true);
        // redis-server/redis-sentinel arguments must arrive as typed: '--requirepass @secret' is a password, not a
        // picocli argument file, and '--' is an argument (no end-of-options marker a shell can type: NUL)
        commandLine.setExpandAtFiles(false);
        commandLine.getSubcommands().get("store").setEndOfOptionsDelimiter("\0");
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
