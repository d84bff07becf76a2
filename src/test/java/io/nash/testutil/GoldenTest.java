package io.nash.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The golden JSON comparison names the first differing path, and only real differences. */
class GoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Optional<String> diff(String expected, String actual) throws Exception {
    JsonNode e = JSON.readTree(expected);
    JsonNode a = JSON.readTree(actual);
    return Golden.firstDifference("$", e, a);
  }

  @Test
  void equalTreesInAnotherKeyOrderAndLayoutAreEqual() throws Exception {
    assertEquals(
        Optional.empty(),
        diff("{\"a\": 1, \"b\": [1.5, \"x\"]}", "{\n  \"b\" : [ 1.5, \"x\" ],\n  \"a\" : 1\n}"));
  }

  @Test
  void namesTheFirstDifferingPath() throws Exception {
    String golden = "{\"Defaults\": {}, \"MVAU_hls_0\": {\"PE\": 4, \"SIMD\": 1}, \"z\": [1, 2]}";
    assertEquals(
        Optional.of("$.MVAU_hls_0.PE: expected 4, actual 8"),
        diff(golden, "{\"Defaults\": {}, \"MVAU_hls_0\": {\"PE\": 8, \"SIMD\": 2}, \"z\": [1]}"));
    assertEquals(
        Optional.of("$.z[1]: expected 2, missing"),
        diff(golden, "{\"Defaults\": {}, \"MVAU_hls_0\": {\"PE\": 4, \"SIMD\": 1}, \"z\": [1]}"));
    assertEquals(
        Optional.of("$.MVAU_hls_0.ram_style: not expected, actual \"block\""),
        diff(
            golden,
            "{\"Defaults\": {}, \"MVAU_hls_0\": {\"PE\": 4, \"SIMD\": 1, \"ram_style\": \"block\"},"
                + " \"z\": [1, 2]}"));
  }

  @Test
  void numbersCompareExactlyAndWithTheirType() throws Exception {
    assertEquals(
        Optional.of("$.fps: expected 2034.5, actual 2034.5000000000002"),
        diff("{\"fps\": 2034.5}", "{\"fps\": 2034.5000000000002}"));
    assertEquals(Optional.of("$.PE: expected 4, actual 4.0"), diff("{\"PE\": 4}", "{\"PE\": 4.0}"));
    assertEquals(Optional.of("$: expected [], actual {}"), diff("[]", "{}"));
  }
}
