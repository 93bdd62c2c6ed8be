package io.vigil.sentinel.cli;

import io.vigil.config.CommandLine;
import io.vigil.config.ConfigException;
import io.vigil.sentinel.core.SentinelProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil sentinel sentinel.conf [--directive value ...]}: runs a sentinel like {@code redis-sentinel} does,
 * with the same file format and the same command-line form for directives.
 */
@Command(
        name = "sentinel",
        description = {
            "Run a sentinel, like redis-sentinel: vigil sentinel sentinel.conf [--port 26379] [--directive value ...]",
            "The file must be writable: the sentinel persists its state (epochs, votes, discovered instances) in it."
        },
        mixinStandardHelpOptions = true)
public final class SentinelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARGS", description = "sentinel.conf followed by --directive value... overrides")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("vigil sentinel: " + e.getMessage());
            return 2;
        }
        if (line.configFile().isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("vigil sentinel: a sentinel.conf file is required (sentinels persist their state in it)");
            return 2;
        }
        SentinelProcess process;
        try {
            process = SentinelProcess.start(line.configFile().get(), line.directives(), System::exit);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("vigil sentinel: " + e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, "vigil-sentinel-stop"));
        process.awaitStop();
        return 0;
    }
}
