package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicFileWriterTest {

    /** Stands for the process dying: not an IOException, so the writer does not clean up. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(AtomicFileWriter.Step step) {
            super("crash before " + step);
        }
    }

    @TempDir
    Path dir;

    private Path target() throws IOException {
        Path target = dir.resolve("sentinel.conf");
        Files.writeString(target, "old\n");
        return target;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void runsEveryStepInOrderAndReplacesTheContent() throws IOException {
        Path target = target();
        List<AtomicFileWriter.Step> steps = new ArrayList<>();
        new AtomicFileWriter((step, temp) -> {
                    steps.add(step);
                    assertThat(temp.getParent()).isEqualTo(dir.toAbsolutePath());
                })
                .write(target, "new\n".getBytes(StandardCharsets.UTF_8));
        assertThat(steps).containsExactly(AtomicFileWriter.Step.values());
        assertThat(Files.readString(target)).isEqualTo("new\n");
        assertThat(files()).containsExactly(target);
    }

    @ParameterizedTest
    @EnumSource(
            value = AtomicFileWriter.Step.class,
            names = {"CREATE_TEMP", "WRITE", "FSYNC_FILE", "RENAME"})
    void anIoErrorBeforeTheRenameLeavesTheOldFileAndNoTemp(AtomicFileWriter.Step failing) throws IOException {
        Path target = target();
        AtomicFileWriter writer = new AtomicFileWriter((step, temp) -> {
            if (step == failing) {
                throw new IOException("disk full at " + step);
            }
        });
        assertThatThrownBy(() -> writer.write(target, "new\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full at " + failing);
        assertThat(Files.readString(target)).isEqualTo("old\n");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void anIoErrorAfterTheRenameReportsFailureButTheNewFileIsComplete() throws IOException {
        Path target = target();
        AtomicFileWriter writer = new AtomicFileWriter((step, temp) -> {
            if (step == AtomicFileWriter.Step.FSYNC_DIR) {
                throw new IOException("fsync failed");
            }
        });
        assertThatThrownBy(() -> writer.write(target, "new\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("new\n");
    }

    @ParameterizedTest
    @EnumSource(AtomicFileWriter.Step.class)
    void aCrashAtAnyStepLeavesTheOldOrTheNewFileAndTempsAreCleanedLater(AtomicFileWriter.Step crashing)
            throws IOException {
        Path target = target();
        AtomicFileWriter writer = new AtomicFileWriter((step, temp) -> {
            if (step == crashing) {
                throw new SimulatedCrash(step);
            }
        });
        byte[] content = "new content, longer than the old one\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> writer.write(target, content)).isInstanceOf(SimulatedCrash.class);
        String after = Files.readString(target);
        assertThat(after).isIn("old\n", new String(content, StandardCharsets.UTF_8));
        if (crashing.compareTo(AtomicFileWriter.Step.RENAME) <= 0) {
            assertThat(after).isEqualTo("old\n");
        } else {
            assertThat(after).isNotEqualTo("old\n");
        }
        List<Path> removed = AtomicFileWriter.removeStaleTemps(target);
        assertThat(removed.size())
                .isEqualTo(
                        crashing == AtomicFileWriter.Step.CREATE_TEMP || crashing == AtomicFileWriter.Step.FSYNC_DIR
                                ? 0
                                : 1);
        assertThat(files()).containsExactly(target);
    }

    @Test
    void keepsTheFilePermissions() throws IOException {
        Path target = target();
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        new AtomicFileWriter().write(target, "new\n".getBytes(StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
    }

    @Test
    void createsTheFileWhenItDoesNotExistYet() throws IOException {
        Path target = dir.resolve("fresh.conf");
        new AtomicFileWriter().write(target, "x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("x\n");
    }

    @Test
    void staleTempsOfOtherFilesAreLeftAlone() throws IOException {
        Path target = target();
        Path other = dir.resolve(".other.conf.vigil-tmp-1-2");
        Files.writeString(other, "x");
        Files.writeString(dir.resolve(".sentinel.conf.vigil-tmp-1-2"), "partial");
        assertThat(AtomicFileWriter.removeStaleTemps(target)).hasSize(1);
        assertThat(other).exists();
    }
}
