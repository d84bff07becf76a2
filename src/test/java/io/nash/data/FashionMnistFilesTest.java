package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ImageShape;
import org.junit.jupiter.api.Test;

/**
 * Reads the real Fashion-MNIST files when the Debian package is installed (skipped otherwise; under
 * CI it fails).
 */
class FashionMnistFilesTest {
  @Test
  void readsTheDebianFiles() {
    io.nash.Components.require(
        DatasetSpec.fashionMnistInstalled(),
        "dataset-fashion-mnist not installed in " + DatasetSpec.FASHION_MNIST_DIR);
    long t0 = System.nanoTime();
    DataSplits s = DatasetSpec.parse("fashion-mnist").load();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("fashion-mnist: read 70000 images in " + ms + " ms");
    assertEquals(60000, s.train().size());
    assertEquals(10000, s.test().size());
    assertEquals(new ImageShape(1, 28, 28), s.train().shape());
    // Fashion-MNIST is balanced: 6000 train and 1000 test images per class
    for (int c = 0; c < 10; c++) {
      assertEquals(6000, s.train().classCounts()[c]);
      assertEquals(1000, s.test().classCounts()[c]);
    }
    Normalization fit = Normalization.fit(s.train());
    // the published training-set statistics, 0.2860 and 0.3530
    assertEquals(0.2860f, fit.mean()[0], 5e-4f);
    assertEquals(0.3530f, fit.std()[0], 5e-4f);
    // ~1.5 s on an idle 2-core machine, up to ~8 s with a load average of 15; the bound only
    // catches gross regressions such as unbuffered per-byte reads through the gzip stream
    assertTrue(ms < 30_000, "reading took " + ms + " ms");
  }
}
