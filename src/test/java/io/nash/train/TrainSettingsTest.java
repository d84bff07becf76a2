package io.nash.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nash.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defaults from the schema, round trips and error messages naming key, value and range. */
class TrainSettingsTest {

  private static String error(Map<String, String> overrides) {
    return assertThrows(
            IllegalArgumentException.class, () -> TrainSettings.defaults("v1").with(overrides))
        .getMessage();
  }

  @Test
  void defaultsComeFromTheSchema() {
    TrainSettings s = TrainSettings.defaults("v2");
    assertEquals(TrainSettings.Optimizer.ADAM, s.optimizer());
    assertEquals(1e-3, s.lr());
    assertEquals(16, s.width());
    assertEquals(TrainSettings.Schedule.COSINE, s.schedule());
    assertEquals(2, s.seed());
    assertEquals(s, TrainSettings.fromMap(s.asMap()));
    TrainSettings sgd =
        TrainSettings.fromSettings(
            Settings.defaults().with(Map.of("nash.train.optimizer", "SGD")), "baseline");
    assertEquals(TrainSettings.Optimizer.SGD, sgd.optimizer());
  }

  @Test
  void badValuesNameKeyValueAndWhatIsAllowed() {
    assertEquals(
        "nash.train.batch-size = 0: must be in 1..65536",
        error(Map.of("nash.train.batch-size", "0")));
    assertEquals(
        "nash.train.width = 7: must be even (factorized reduce halves channels)",
        error(Map.of("nash.train.width", "7")));
    assertEquals(
        "nash.train.optimizer = rmsprop: must be one of adam, sgd",
        error(Map.of("nash.train.optimizer", "rmsprop")));
    assertEquals("nash.train.lr = 0: must be in (0.0, 10.0]", error(Map.of("nash.train.lr", "0")));
    assertEquals(
        "nash.train.label-smoothing = 1.5: must be in [0.0, 0.99]",
        error(Map.of("nash.train.label-smoothing", "1.5")));
    assertEquals(
        "nash.train.quant = int4: must be one of nash-paper, baseline-paper",
        error(Map.of("nash.train.quant", "int4")));
    assertEquals(
        "unknown retraining setting 'nash.train.lrr': known keys are ",
        error(Map.of("nash.train.lrr", "1")).replaceAll("\\[.*", ""));
  }

  @Test
  void theBuilderStartsFromTheSchemaAndChecksLikeAJobFile() {
    assertEquals(TrainSettings.defaults("v1"), TrainSettings.builder("v1").build());
    TrainSettings b =
        TrainSettings.builder("v1")
            .epochs(3)
            .lr(0.01)
            .optimizer(TrainSettings.Optimizer.SGD)
            .build();
    assertEquals(
        TrainSettings.defaults("v1")
            .with(
                Map.of(
                    "nash.train.epochs", "3",
                    "nash.train.lr", "0.01",
                    "nash.train.optimizer", "sgd")),
        b);
    assertEquals(b, b.toBuilder().build());
    assertEquals(7, b.toBuilder().epochs(7).build().epochs());
    assertEquals(
        "nash.train.epochs = 0: must be in 1..100000",
        assertThrows(
                IllegalArgumentException.class, () -> TrainSettings.builder("v1").epochs(0).build())
            .getMessage());
  }
}
