package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ImageShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
  @TempDir Path tmp;

  private void writeDir(Path base) throws Exception {
    for (int b = 1; b <= 5; b++) {
      TestData.write(base.resolve("data_batch_" + b + ".bin"), TestData.cifarRecords(b, 9));
    }
    TestData.write(base.resolve("test_batch.bin"), TestData.cifarRecords(0, 3, 7));
  }

  @Test
  void readsAllBatchesInOrderAsChw() throws Exception {
    writeDir(tmp.resolve("cifar-10-batches-bin")); // the archive's layout
    DataSplits s = Cifar10Reader.readDir(tmp);
    assertEquals(10, s.train().size());
    assertEquals(3, s.test().size());
    assertEquals(new ImageShape(3, 32, 32), s.train().shape());
    assertArrayEquals(new int[] {1, 9, 2, 9, 3, 9, 4, 9, 5, 9}, s.train().labelsCopy());
    assertArrayEquals(new int[] {0, 3, 7}, s.test().labelsCopy());
    // test record 1: pixel k = (1*3 + k) % 256. Green plane (c=1), y=0, x=2 is k = 1024 + 2:
    // (3 + 1026) % 256 = 1029 - 1024 = 5
    assertEquals(5 / 255f, s.test().pixel(1, 1, 0, 2), 0f);
    // blue plane, y=31, x=31: k = 2048 + 1023 = 3071; (3 + 3071) % 256 = 3074 - 3072 = 2
    assertEquals(2 / 255f, s.test().pixel(1, 2, 31, 31), 0f);
    // the second train record is record 1 of data_batch_1: red (0,0) = 3
    assertEquals(3 / 255f, s.train().pixel(1, 0, 0, 0), 0f);
  }

  @Test
  void truncatedBatchNamesFileAndLeftover() throws Exception {
    byte[] rec = TestData.cifarRecords(1, 2);
    Path f = TestData.write(tmp.resolve("b.bin"), Arrays.copyOf(rec, rec.length - 100));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> Cifar10Reader.read(List.of(f), "c"));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("2973 bytes left over"), e.getMessage()); // 6146-100-3073
  }

  @Test
  void labelOutOfRange() throws Exception {
    Path f = TestData.write(tmp.resolve("b.bin"), TestData.cifarRecords(1, 12));
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> Cifar10Reader.read(List.of(f), "c"));
    assertTrue(e.getMessage().contains("label 12 of record 1 out of range"), e.getMessage());
  }

  @Test
  void missingBatchesListed() throws Exception {
    writeDir(tmp);
    Files.delete(tmp.resolve("data_batch_3.bin"));
    Files.delete(tmp.resolve("test_batch.bin"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cifar10Reader.readDir(tmp));
    assertTrue(
        e.getMessage().contains("missing [data_batch_3.bin, test_batch.bin]"), e.getMessage());
  }
}
