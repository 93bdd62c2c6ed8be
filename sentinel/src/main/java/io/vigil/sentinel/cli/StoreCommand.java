package io.vigil.sentinel.cli;

import io.vigil.store.StoreMain;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vigil store [config-file] [--directive value ...]}: runs the embedded RESP store, accepting {@code
 * redis-server}'s own command-line form ({@code --port 6380 --save '' --appendonly no}) and a {@code
 * redis.conf}-style file. Directives for features the store does not have yet are rejected at start with the
 * reason, never ignored.
 */
@Command(
        name = "store",
        customSynopsis = "vigil store [config-file] [--directive value ...]",
        description = {
            "Run the embedded RESP key-value store (a Redis 7 compatible server).",
            "Arguments are redis-server's: a redis.conf-style file, then directives.",
            "Example: vigil store --port 6380 --save '' --requirepass secret"
        },
        mixinStandardHelpOptions = false)
public final class StoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @CommandLine.Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return StoreMain.run(arguments, err);
    }
}
