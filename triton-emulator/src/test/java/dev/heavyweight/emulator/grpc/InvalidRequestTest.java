package dev.heavyweight.emulator.grpc;

import com.google.protobuf.ByteString;
import dev.heavyweight.contracts.kserve.InferParameter;
import dev.heavyweight.contracts.kserve.InferTensorContents;
import dev.heavyweight.contracts.kserve.ModelInferRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.heavyweight.emulator.grpc.InferRequests.int64;
import static dev.heavyweight.emulator.grpc.InferRequests.prompt;
import static dev.heavyweight.emulator.grpc.InferRequests.raw;
import static dev.heavyweight.emulator.grpc.InferRequests.stringInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@QuarkusTest
class InvalidRequestTest {

    private static final String SD = "stable_diffusion_1_5";
    private static NodeClients node;

    @BeforeAll
    static void connect() {
        node = new NodeClients(18101);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        node.close();
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("missing prompt", ModelInferRequest.newBuilder().setModelName(SD)
                        .addInputs(stringInput("negative_prompt")).addRawInputContents(raw("dark")).build(),
                        "'prompt'"),
                Arguments.of("wrong datatype", ModelInferRequest.newBuilder().setModelName(SD)
                        .addInputs(stringInput("prompt").setDatatype("FP32"))
                        .addRawInputContents(ByteString.copyFrom(new byte[4])).build(), "'FP32'"),
                Arguments.of("wrong shape", ModelInferRequest.newBuilder().setModelName(SD)
                        .addInputs(stringInput("prompt").clearShape().addShape(2))
                        .addRawInputContents(raw("a cat")).build(), "shape"),
                Arguments.of("truncated BYTES", ModelInferRequest.newBuilder().setModelName(SD)
                        .addInputs(stringInput("prompt"))
                        .addRawInputContents(ByteString.copyFrom(new byte[] {9, 0, 0, 0, 'c', 'a', 't'})).build(),
                        "'prompt'"),
                Arguments.of("raw and typed mixed", ModelInferRequest.newBuilder().setModelName(SD)
                        .addInputs(stringInput("prompt").setContents(InferTensorContents.newBuilder()
                                .addBytesContents(ByteString.copyFromUtf8("a cat"))))
                        .addRawInputContents(raw("a cat")).build(), "raw_input_contents"),
                Arguments.of("raw count differs from inputs", prompt(SD, "a cat", 1)
                        .addInputs(stringInput("negative_prompt")).build(), "raw_input_contents"),
                Arguments.of("typed without element", ModelInferRequest.newBuilder().setModelName(SD)
                        .addInputs(stringInput("prompt")).build(), "'prompt'"),
                Arguments.of("unknown input", prompt(SD, "a cat", 1)
                        .addInputs(stringInput("style")).addRawInputContents(raw("oil")).build(), "'style'"),
                Arguments.of("width not a multiple of 64", prompt(SD, "a cat", 1)
                        .putParameters("width", int64(500)).build(), "'width'"),
                Arguments.of("height above the model's limit", prompt(SD, "a cat", 1)
                        .putParameters("height", int64(2048)).build(), "'height'"),
                Arguments.of("too many steps", prompt(SD, "a cat", 1)
                        .putParameters("steps", int64(1000)).build(), "'steps'"),
                Arguments.of("seed as a string", prompt(SD, "a cat", 1)
                        .putParameters("seed", InferParameter.newBuilder().setStringParam("42").build()).build(),
                        "'seed'"),
                Arguments.of("unknown output", prompt(SD, "a cat", 1)
                        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("latents"))
                        .build(),
                        "'latents'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestIsRejectedNamingTheField(String name, ModelInferRequest request, String field) {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> node.blocking().modelInfer(request));

        assertThat(error).as(name).isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).contains(field);
    }
}
