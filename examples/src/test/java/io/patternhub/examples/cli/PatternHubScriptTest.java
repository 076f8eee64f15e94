package io.patternhub.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The root {@code ./patternhub} script hands every argument to the tool unchanged (spaces, quotes,
 * empty strings) and runs the jar with the JDK from {@code JAVA_HOME}. A stand-in {@code java} prints
 * what it was given, so nothing is built.
 */
@DisabledOnOs(OS.WINDOWS)
class PatternHubScriptTest {
    @TempDir
    Path dir;

    @Test
    void argumentsReachTheToolUnchanged() throws Exception {
        Path script = Path.of("..", "patternhub").toAbsolutePath().normalize();
        assertThat(script).exists().isExecutable();
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = Files.writeString(dir.resolve("tool.jar"), "not built");

        ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "privacy", "export", "--email",
                "a b@example.com", "", "it's \"quoted\""));
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().put("PATTERNHUB_JAR", jar.toString());
        pb.environment().put("PATTERNHUB_SKIP_BUILD", "1");
        pb.environment().remove("PATTERNHUB_JAVA_OPTS");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.lines().toList()).containsExactly("[-jar]", "[" + jar + "]", "[privacy]", "[export]",
                "[--email]", "[a b@example.com]", "[]", "[it's \"quoted\"]");
    }
}
