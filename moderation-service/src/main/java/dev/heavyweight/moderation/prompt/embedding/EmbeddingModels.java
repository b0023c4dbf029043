package dev.heavyweight.moderation.prompt.embedding;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where all-MiniLM-L6-v2 (quantised) comes from: a directory on disk (images, where the weights are a mounted
 * volume) or the langchain4j jar on the classpath. Both are the same model run the same way (mean pooling, as the
 * jar's own class does), so the calibration holds for either.
 */
public final class EmbeddingModels {

    /** The ONNX graph, named as in the langchain4j jar. */
    public static final String MODEL_FILE = "all-minilm-l6-v2-q.onnx";
    /** The HuggingFace tokenizer, named as in the langchain4j jar. */
    public static final String TOKENIZER_FILE = "all-minilm-l6-v2-q-tokenizer.json";

    private static final Logger LOG = Logger.getLogger(EmbeddingModels.class);

    private EmbeddingModels() {
    }

    /** The model from {@code dir} when given (both files must be there), else the jar's copy. */
    public static EmbeddingModel load(Optional<Path> dir) {
        if (dir.isEmpty()) {
            LOG.info("embedding engine: all-MiniLM-L6-v2 (quantised) from the langchain4j jar");
            return new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        Path model = dir.get().resolve(MODEL_FILE);
        Path tokenizer = dir.get().resolve(TOKENIZER_FILE);
        for (Path file : new Path[] {model, tokenizer}) {
            if (!Files.isReadable(file)) {
                throw new IllegalStateException("heavyweight.moderation.embedding.model-dir: cannot read " + file
                        + " (the directory must hold " + MODEL_FILE + " and " + TOKENIZER_FILE + ")");
            }
        }
        LOG.infof("embedding engine: all-MiniLM-L6-v2 (quantised) from %s", dir.get());
        return new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN);
    }
}
