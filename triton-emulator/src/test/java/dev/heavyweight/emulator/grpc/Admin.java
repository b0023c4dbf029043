package dev.heavyweight.emulator.grpc;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The emulator's admin API, as tests and benchmarks call it. */
final class Admin {

    private Admin() {
    }

    static void faults(int node, String json) {
        given().contentType(ContentType.JSON).body(json).put("/admin/nodes/" + node + "/faults").then().statusCode(200);
    }

    static void clearFaults(int node) {
        faults(node, "{}");
    }

    static JsonPath node(int node) {
        return given().get("/admin/nodes/" + node).then().statusCode(200).extract().jsonPath();
    }

    static void restore(int node) {
        given().post("/admin/nodes/" + node + "/restore").then().statusCode(200);
    }

    /** The executions recorded for the request with this id (normally one). */
    static List<Map<String, Object>> executions(String id) {
        List<Map<String, Object>> all = given().queryParam("since", 0).get("/admin/executions").then().statusCode(200)
                .extract().jsonPath().getList("executions");
        return all.stream().filter(e -> id.equals(e.get("id"))).toList();
    }
}
