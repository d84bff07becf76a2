package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ImageShape;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void roundTripRawAndGzip(boolean gz) throws Exception {
    TestData.writeMnistDir(tmp, gz);
    DataSplits s = IdxReader.readDir(tmp, "mnist");
    assertEquals(6, s.train().size());
    assertEquals(4, s.test().size());
    assertEquals(new ImageShape(1, 3, 2), s.train().shape());
    assertEquals(10, s.train().numClasses());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 9}, s.train().labelsCopy());
    assertArrayEquals(new int[] {5, 6, 7, 8}, s.test().labelsCopy());
    // image 2, pixel k = y*2 + x = 3 (y=1, x=1): byte (2*7 + 3) % 256 = 17 -> 17/255
    assertEquals(17 / 255f, s.train().pixel(2, 0, 1, 1), 0f);
    // image 5, pixel 0: byte 35
    assertEquals(35 / 255f, s.train().pixel(5, 0, 0, 0), 0f);
    assertEquals("mnist-train", s.train().name());
  }

  @Test
  void gzipDetectedByMagicNotName() throws Exception {
    Path f = TestData.write(tmp.resolve("images.raw"), TestData.gzip(TestData.idxImages(2, 2, 2)));
    IdxReader.Images im = IdxReader.readImages(f);
    assertEquals(2, im.count());
    assertEquals(9 / 255f, im.pixels()[6], 0f); // image 1, k=2: 7+2
  }

  @Test
  void badMagicNamesFileAndMagic() throws Exception {
    Path f = TestData.write(tmp.resolve("x-images"), TestData.idxLabels(1, 2));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(
        e.getMessage().contains("bad magic 0x00000801, expected 0x00000803"), e.getMessage());
    assertEquals(f, e.file());
  }

  @Test
  void truncatedImagesAreAShortRead() throws Exception {
    byte[] full = TestData.idxImages(3, 2, 2);
    Path f = TestData.write(tmp.resolve("imgs"), Arrays.copyOf(full, full.length - 5));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("short read"), e.getMessage());
    assertTrue(e.getMessage().contains("= 12 data bytes, file has 7"), e.getMessage());
  }

  @Test
  void truncatedHeader() throws Exception {
    Path f = TestData.write(tmp.resolve("imgs"), Arrays.copyOf(TestData.idxImages(3, 2, 2), 10));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("header needs 16 bytes, file has 10"), e.getMessage());
  }

  @Test
  void extraBytesAreAWrongCount() throws Exception {
    byte[] full = TestData.idxLabels(1, 2, 3);
    Path f = TestData.write(tmp.resolve("labels"), Arrays.copyOf(full, full.length + 2));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(f, 10));
    assertTrue(e.getMessage().contains("wrong count"), e.getMessage());
    assertTrue(e.getMessage().contains("2 extra"), e.getMessage());
  }

  @Test
  void truncatedGzipStream() throws Exception {
    byte[] gz = TestData.gzip(TestData.idxImages(50, 8, 8));
    Path f = TestData.write(tmp.resolve("imgs.gz"), Arrays.copyOf(gz, gz.length / 2));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains(f + ": truncated gzip stream"), e.getMessage());
  }

  @Test
  void corruptGzipData() throws Exception {
    byte[] gz = TestData.gzip(TestData.idxImages(50, 8, 8));
    for (int i = 12; i < 40; i++) {
      gz[i] = (byte) 0xff; // smash the deflate block header
    }
    Path f = TestData.write(tmp.resolve("imgs.gz"), gz);
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test
  void labelOutOfRange() throws Exception {
    Path f = TestData.write(tmp.resolve("labels"), TestData.idxLabels(1, 10, 3));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(f, 10));
    assertTrue(e.getMessage().contains("label 10 at index 1 out of range [0, 10)"), e.getMessage());
  }

  @Test
  void labelCountMismatch() throws Exception {
    Path im = TestData.write(tmp.resolve("i"), TestData.idxImages(3, 2, 2));
    Path lb = TestData.write(tmp.resolve("l"), TestData.idxLabels(1, 2));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.read(im, lb, 10, "t"));
    assertTrue(
        e.getMessage().contains("label count mismatch: 2 labels for 3 images"), e.getMessage());
  }

  @Test
  void missingFilesListed() throws Exception {
    TestData.writeMnistDir(tmp, true);
    java.nio.file.Files.delete(tmp.resolve("t10k-labels-idx1-ubyte.gz"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IdxReader.readDir(tmp, "mnist"));
    assertTrue(e.getMessage().contains("missing [t10k-labels-idx1-ubyte]"), e.getMessage());
  }

  @Test
  void missingFileNamed() {
    Path f = tmp.resolve("nope");
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
    assertEquals(f + ": no such file", e.getMessage());
  }
}
