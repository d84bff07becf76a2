package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ImageShape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetSpecTest {
  @TempDir Path tmp;

  @Test
  void parsesForms() {
    DatasetSpec f = DatasetSpec.parse("fashion-mnist");
    assertEquals(DatasetSpec.Kind.FASHION_MNIST, f.kind());
    assertNull(f.dir());
    assertEquals(Normalization.FASHION_MNIST, f.standardNormalization());
    assertEquals(Path.of("data/fm"), DatasetSpec.parse("fashion-mnist:data/fm").dir());
    assertEquals(Path.of("data/m"), DatasetSpec.parse("mnist:file:data/m").dir());
    assertEquals(Path.of("c10"), DatasetSpec.parse("cifar10:c10").dir());
    DatasetSpec im = DatasetSpec.parse("imagefolder:img?size=32&seed=4");
    assertEquals(Map.of("size", "32", "seed", "4"), im.options());
    assertEquals(
        new SyntheticData.Params(100, 128, 10, 1, 28, 0),
        DatasetSpec.parse("synthetic:100").syntheticParams());
    assertEquals(
        new SyntheticData.Params(512, 8, 3, 2, 6, 9),
        DatasetSpec.parse("synthetic?test=8&classes=3&channels=2&size=6&seed=9").syntheticParams());
    assertEquals(SyntheticData.Params.DEFAULT, DatasetSpec.parse("synthetic").syntheticParams());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "imagenet",
        "mnist",
        "cifar10",
        "imagefolder",
        "synthetic:abc",
        "synthetic:0",
        "synthetic?colour=red",
        "synthetic:5?train=6",
        "cifar10:x?size=3",
        "mnist:s3a://bucket/mnist",
        "fashion-mnist:",
        "imagefolder:x?size=0",
        ""
      })
  void badSpecsListAllowedForms(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse(text));
    assertTrue(e.getMessage().startsWith("dataset '" + text + "'"), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("allowed forms: " + DatasetSpec.ALLOWED_FORMS), e.getMessage());
  }

  @Test
  void unknownKindNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("imagenet:x"));
    assertTrue(e.getMessage().contains("unknown dataset 'imagenet'"), e.getMessage());
  }

  @Test
  void missingDebianFilesSayHowToInstall() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DatasetSpec.parse("fashion-mnist").load(tmp));
    assertTrue(e.getMessage().contains("apt-get install -y dataset-fashion-mnist"), e.getMessage());
    assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
  }

  @Test
  void loadsDirForms() throws Exception {
    TestData.writeMnistDir(tmp, true);
    DataSplits f = DatasetSpec.parse("fashion-mnist:" + tmp).load();
    assertEquals("fashion-mnist-train", f.train().name());
    assertEquals(6, f.train().size());
    DataSplits m = DatasetSpec.parse("mnist:file://" + tmp).load();
    assertEquals(4, m.test().size());
    DataSplits s = DatasetSpec.parse("synthetic:20?test=5&size=4&classes=2").load();
    assertEquals(20, s.train().size());
    assertEquals(new ImageShape(1, 4, 4), s.test().shape());
  }
}
