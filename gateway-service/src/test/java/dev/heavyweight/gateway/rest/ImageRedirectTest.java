package dev.heavyweight.gateway.rest;

import static dev.heavyweight.gateway.rest.Problems.problem;
import static dev.heavyweight.gateway.rest.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.heavyweight.contracts.task.Task;
import dev.heavyweight.contracts.task.TaskState;
import dev.heavyweight.testsupport.S3ProxyServer;
import dev.heavyweight.testsupport.JwtTestResource;
import dev.heavyweight.testsupport.S3ProxyTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Default image delivery: a redirect to a presigned URL of the real S3 server that works without credentials. */
@QuarkusTest
@WithTestResource(S3ProxyTestResource.class)
@WithTestResource(ScriptedTaskServiceResource.class)
@WithTestResource(JwtTestResource.class)
class ImageRedirectTest {

    ScriptedTaskService taskService;
    S3ProxyServer s3Server;

    @Inject
    S3Client s3;

    @Test
    void succeededGenerationRedirectsToAPresignedUrlOfItsImage() throws Exception {
        Task task = Tasks.task(TaskState.TASK_STATE_SUCCEEDED);
        byte[] png = ResultImages.fakePng("redirect-" + task.getId());
        taskService.put(task.toBuilder().setImageKey(ResultImages.store(s3, task.getId(), png)).build());

        given().when().get("/v1/generations/" + task.getId()).then()
                .statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("image_url", equalTo("/v1/generations/" + task.getId() + "/image"));
        Response redirect = given().redirects().follow(false).when().get("/v1/generations/" + task.getId() + "/image");

        redirect.then().statusCode(302);
        assertThat(redirect.header("Cache-Control")).contains("no-store");
        String location = redirect.header("Location");
        assertThat(location).startsWith(s3Server.endpoint() + "/heavyweight-results/tenants/" + Api.TENANT + "/tasks/"
                + task.getId() + ".png?").contains("X-Amz-Signature=").contains("X-Amz-Expires=900");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(location)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
    }

    @Test
    void aCallerAskingForJsonGetsThePresignedUrlInADocument() throws Exception {
        Task task = Tasks.task(TaskState.TASK_STATE_SUCCEEDED);
        byte[] png = ResultImages.fakePng("json-" + task.getId());
        taskService.put(task.toBuilder().setImageKey(ResultImages.store(s3, task.getId(), png)).build());

        Response answer = given().redirects().follow(false).accept("application/json")
                .when().get("/v1/generations/" + task.getId() + "/image");

        answer.then().statusCode(200).contentType("application/json");
        assertThat(answer.header("Cache-Control")).contains("no-store");
        String url = answer.jsonPath().getString("url");
        assertThat(url).startsWith(s3Server.endpoint() + "/heavyweight-results/").contains("X-Amz-Signature=");
        assertThat(java.time.Instant.parse(answer.jsonPath().getString("expires_at"))).isAfter(java.time.Instant.now());
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(png);
        // An image type named first, or a wildcard, keeps the redirect.
        given().redirects().follow(false).header("Accept", "image/png, application/json;q=0.5")
                .when().get("/v1/generations/" + task.getId() + "/image").then().statusCode(302);
        given().redirects().follow(false).header("Accept", "*/*")
                .when().get("/v1/generations/" + task.getId() + "/image").then().statusCode(302);
    }

    @Test
    void succeededTaskWithoutImageKeyIsAnUpstreamError() {
        Task task = taskService.put(Tasks.task(TaskState.TASK_STATE_SUCCEEDED));

        problem(given().redirects().follow(false).when().get("/v1/generations/" + task.getId() + "/image").then(),
                502, "upstream-error");
    }

    @Test
    void readinessNeedsTheResultsBucket() {
        if (s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(ResultImages.BUCKET))) {
            s3.listObjectsV2Paginator(list -> list.bucket(ResultImages.BUCKET)).contents()
                    .forEach(object -> s3.deleteObject(delete -> delete.bucket(ResultImages.BUCKET).key(object.key())));
            s3.deleteBucket(delete -> delete.bucket(ResultImages.BUCKET));
        }
        given().when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'result-store' }.status", equalTo("DOWN"));

        ResultImages.ensureBucket(s3);

        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'result-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'task-service' }.status", equalTo("UP"));
    }
}
