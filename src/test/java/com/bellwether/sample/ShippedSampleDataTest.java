package com.bellwether.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample-data/ is exactly what the generator makes with its defaults, so anyone can make it again. */
class ShippedSampleDataTest {

    @TempDir
    Path dir;

    @Test
    void theShippedFilesAreTheGeneratorsDefaultOutput() throws Exception {
        new SampleGenerator(GeneratorSettings.defaults()).writeTo(dir);

        for (String file : SampleGenerator.COLUMNS.keySet()) {
            assertThat(Files.mismatch(dir.resolve(file), Path.of("sample-data", file))).as(file).isEqualTo(-1L);
        }
    }
}
