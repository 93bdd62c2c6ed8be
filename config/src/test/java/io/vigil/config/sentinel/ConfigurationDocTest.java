package io.vigil.config.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConfigFile;
import io.vigil.config.DirectiveTable;
import io.vigil.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md cannot rot: every declared directive is documented and the example file is valid. */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    @Test
    void everyDirectiveIsDocumented() throws IOException {
        String doc = doc();
        List<Map.Entry<String, DirectiveTable>> tables = List.of(
                Map.entry("`", SentinelDirectives.TOP_LEVEL),
                Map.entry("`sentinel ", SentinelDirectives.SENTINEL_GLOBAL),
                Map.entry("`sentinel ", SentinelDirectives.SENTINEL_MASTER),
                Map.entry("`vigil ", SentinelDirectives.VIGIL_GLOBAL),
                Map.entry("`vigil master <name> ", SentinelDirectives.VIGIL_MASTER));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, DirectiveTable> table : tables) {
            for (Setting<?> setting : table.getValue().settings()) {
                if (!doc.contains(table.getKey() + setting.name() + " ")) {
                    missing.add(table.getKey() + setting.name());
                }
            }
        }
        assertThat(doc).contains("`sentinel monitor <name>");
        assertThat(missing).as("directives missing from " + DOC).isEmpty();
    }

    @Test
    void theExampleFileIsValidAndWarningFree() throws IOException {
        String doc = doc();
        int start = doc.indexOf("```conf\n", doc.indexOf("## Example"));
        int end = doc.indexOf("```", start + 7);
        String example = doc.substring(start + "```conf\n".length(), end);
        SentinelConfig config = SentinelConfig.parse(ConfigFile.parse("example", example));
        assertThat(config.warnings()).isEmpty();
        MasterState shop = config.master("shop").orElseThrow();
        assertThat(shop.options().authPass()).contains("s3cret pass");
        assertThat(shop.knownSentinels()).hasSize(2);
        assertThat(config.vigil().httpPort()).hasValue(8080);
    }
}
