package io.nash.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nash.space.ImageShape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
  @TempDir Path tmp;

  private static void solid(Path file, int w, int h, int rgb) throws Exception {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rgb);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void readsClassesResizesAndLabels() throws Exception {
    // class "cat" red, class "dog" (0, 128, 255); sizes differ, a solid colour survives resizing
    solid(tmp.resolve("train/cat/a.png"), 10, 6, 0xFF0000);
    solid(tmp.resolve("train/cat/b.PNG"), 5, 5, 0xFF0000);
    solid(tmp.resolve("train/dog/c.png"), 7, 9, 0x0080FF);
    solid(tmp.resolve("val/dog/d.png"), 4, 4, 0x0080FF);
    Files.writeString(tmp.resolve("train/cat/notes.txt"), "ignored");
    DataSplits s = ImageFolderReader.readDir(tmp, 4, 0);
    assertEquals(3, s.train().size());
    assertEquals(1, s.test().size());
    assertEquals(new ImageShape(3, 4, 4), s.train().shape());
    assertEquals(2, s.train().numClasses());
    assertEquals(2, s.train().classCounts()[0]);
    for (int i = 0; i < 3; i++) {
      boolean dog = s.train().label(i) == 1;
      assertEquals(dog ? 0f : 1f, s.train().pixel(i, 0, 2, 3), 1e-6f);
      assertEquals(dog ? 128 / 255f : 0f, s.train().pixel(i, 1, 0, 0), 1e-6f);
      assertEquals(dog ? 1f : 0f, s.train().pixel(i, 2, 3, 1), 1e-6f);
    }
    assertEquals(1, s.test().label(0));
  }

  @Test
  void loadOrderIsSeededShuffleNotClassByClass() throws Exception {
    for (int i = 0; i < 6; i++) {
      solid(tmp.resolve("train/a/" + i + ".png"), 2, 2, 0x000000);
      solid(tmp.resolve("train/b/" + i + ".png"), 2, 2, 0xFFFFFF);
    }
    solid(tmp.resolve("test/a/t.png"), 2, 2, 0);
    ImageDataset d = ImageFolderReader.readDir(tmp, 2, 5).train();
    int[] labels = d.labelsCopy();
    int[] sorted = labels.clone();
    java.util.Arrays.sort(sorted);
    // 12 images: the order equals the seeded permutation applied to the class-by-class listing
    int[] perm = Batches.permutation(12, 5, 0);
    for (int k = 0; k < 12; k++) {
      assertEquals(perm[k] < 6 ? 0 : 1, labels[k]);
      assertEquals(labels[k], (int) d.pixel(k, 0, 0, 0)); // black = class a, white = class b
    }
    org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(sorted, labels));
  }

  @Test
  void centreCropKnownAnswer() throws Exception {
    // 4 wide x 2 high, columns red, green, blue, white; size 2: shorter side is already 2
    // (scale 1), so the centre crop keeps columns 1 and 2: green then blue.
    BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    int[] cols = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF};
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        img.setRGB(x, y, cols[x]);
      }
    }
    float[] out = new float[12];
    ImageFolderReader.toChw(ImageFolderReader.resizeCrop(img, 2), out, 0);
    // planes R, G, B of 2x2: pixel (y, 0) green, (y, 1) blue
    assertEquals(
        java.util.Arrays.toString(new float[] {0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1}),
        java.util.Arrays.toString(out));
  }

  @Test
  void unreadableImageNamesFile() throws Exception {
    solid(tmp.resolve("train/a/ok.png"), 2, 2, 0);
    Path bad = tmp.resolve("train/a/broken.jpg");
    Files.write(bad, new byte[] {1, 2, 3});
    solid(tmp.resolve("val/a/v.png"), 2, 2, 0);
    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> ImageFolderReader.readDir(tmp, 2, 0));
    assertEquals(bad, e.file());
  }

  @Test
  void missingValFolder() throws Exception {
    solid(tmp.resolve("train/a/ok.png"), 2, 2, 0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageFolderReader.readDir(tmp, 2, 0));
    assertTrue(e.getMessage().contains("needs subfolders train/<class>/ and val/<class>/"));
  }

  @Test
  void unknownTestClass() throws Exception {
    solid(tmp.resolve("train/a/ok.png"), 2, 2, 0);
    solid(tmp.resolve("val/b/ok.png"), 2, 2, 0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageFolderReader.readDir(tmp, 2, 0));
    assertTrue(e.getMessage().contains("class folder 'b' not among train classes [a]"));
  }
}
