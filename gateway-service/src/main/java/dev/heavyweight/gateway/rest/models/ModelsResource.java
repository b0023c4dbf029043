package dev.heavyweight.gateway.rest.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.heavyweight.contracts.models.ModelCatalog;
import dev.heavyweight.contracts.models.ModelSpec;
import dev.heavyweight.gateway.rest.generations.GenerationRequestValidator;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/models}: the models a generation may name and the limits {@code POST /v1/generations} checks
 * (the same constants its validator uses), so a client — the playground — can check a form before sending it.
 */
@Path("/v1/models")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "generations")
public class ModelsResource {

    public record ModelView(String name, @JsonProperty("default") boolean isDefault,
            @JsonProperty("default_size") int defaultSize, @JsonProperty("min_size") int minSize,
            @JsonProperty("max_size") int maxSize, @JsonProperty("size_multiple") int sizeMultiple,
            @JsonProperty("default_steps") int defaultSteps, @JsonProperty("min_steps") int minSteps,
            @JsonProperty("max_steps") int maxSteps) {
    }

    public record Limits(@JsonProperty("max_prompt_chars") int maxPromptChars, @JsonProperty("max_seed") long maxSeed,
            List<String> lanes) {
    }

    public record Catalogue(List<ModelView> data, Limits limits) {
    }

    private static final Catalogue CATALOGUE = new Catalogue(ModelCatalog.all().stream().map(ModelsResource::view).toList(),
            new Limits(GenerationRequestValidator.MAX_PROMPT_CHARS, GenerationRequestValidator.MAX_SEED,
                    List.of("interactive", "batch")));

    @GET
    @Operation(summary = "The models and the request limits a generation is checked against")
    public Catalogue models() {
        return CATALOGUE;
    }

    private static ModelView view(ModelSpec spec) {
        return new ModelView(spec.name(), spec.name().equals(ModelCatalog.DEFAULT_MODEL), spec.defaultSize(),
                spec.minSize(), spec.maxSize(), ModelSpec.SIZE_MULTIPLE, spec.defaultSteps(), ModelSpec.MIN_STEPS,
                ModelSpec.MAX_STEPS);
    }
}
