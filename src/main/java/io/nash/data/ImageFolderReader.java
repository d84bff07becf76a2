package io.nash.data;

import io.nash.space.ImageShape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reader for ImageNet-style image folders: {@code DIR/train/<class>/*.{jpg,jpeg,png}} and {@code
 * DIR/val/<class>/...} (or {@code DIR/test/...}). Classes are the train folder's subfolders in name
 * order; a test class folder unknown to train is an error.
 *
 * <p>Each image becomes 3-channel RGB of {@code size x size}: its shorter side is resized to {@code
 * size} (bilinear), then the centre is cropped (torchvision's Resize + CenterCrop). Because folders
 * are read class by class, each split is shuffled once with {@code orderSeed} so that the search
 * split's halves and {@code limit} see all classes.
 *
 * <p>Holds every image in memory as floats: meant for small images or subsets, not full ImageNet at
 * 224 pixels. Stateless and thread-safe.
 */
final class ImageFolderReader {
  private ImageFolderReader() {}

  private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

  /** Reads the train and val (or test) folders under {@code root}. */
  public static DataSplits readDir(Path root, int size, long orderSeed) {
    Path train = root.resolve("train");
    Path test = Files.isDirectory(root.resolve("val")) ? root.resolve("val") : root.resolve("test");
    if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
      throw new IllegalArgumentException(
          "imagefolder "
              + root
              + ": needs subfolders train/<class>/ and val/<class>/ (or test/<class>/)");
    }
    List<String> classes = subfolders(train);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("imagefolder " + train + ": no class subfolders");
    }
    for (String c : subfolders(test)) {
      if (!classes.contains(c)) {
        throw new IllegalArgumentException(
            "imagefolder "
                + test
                + ": class folder '"
                + c
                + "' not among train classes "
                + classes);
      }
    }
    return new DataSplits(
        readSplit(train, classes, size, orderSeed, "imagefolder-train"),
        readSplit(test, classes, size, orderSeed, "imagefolder-test"));
  }

  /** Reads one split folder whose subfolders are (a subset of) {@code classes}. */
  public static ImageDataset readSplit(
      Path dir, List<String> classes, int size, long orderSeed, String name) {
    if (size < 1) {
      throw new IllegalArgumentException("imagefolder size = " + size + ": must be >= 1");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path classDir = dir.resolve(classes.get(c));
      if (!Files.isDirectory(classDir)) {
        continue;
      }
      for (Path f : imageFiles(classDir)) {
        files.add(f);
        labels.add(c);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "imagefolder " + dir + ": no " + EXTENSIONS + " images in class folders " + classes);
    }
    int[] order = Batches.permutation(files.size(), orderSeed, 0);
    ImageShape shape = new ImageShape(3, size, size);
    float[] x = new float[files.size() * shape.size()];
    int[] y = new int[files.size()];
    for (int k = 0; k < order.length; k++) {
      Path f = files.get(order[k]);
      toChw(resizeCrop(load(f), size), x, k * shape.size());
      y[k] = labels.get(order[k]);
    }
    return ImageDataset.wrap(name, shape, classes.size(), x, y);
  }

  /** Shorter side to {@code size} (bilinear), then a centred {@code size x size} crop. */
  static BufferedImage resizeCrop(BufferedImage img, int size) {
    int w = img.getWidth();
    int h = img.getHeight();
    double scale = (double) size / Math.min(w, h);
    int nw = Math.max(size, (int) Math.round(w * scale));
    int nh = Math.max(size, (int) Math.round(h * scale));
    BufferedImage scaled = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, 0, 0, nw, nh, null);
    } finally {
      g.dispose();
    }
    return scaled.getSubimage((nw - size) / 2, (nh - size) / 2, size, size);
  }

  /** Writes a {@code size x size} RGB image as 3 planes of [0,1] floats at {@code off}. */
  static void toChw(BufferedImage img, float[] x, int off) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    int plane = w * h;
    float[] unit = DataFiles.UNIT;
    for (int p = 0; p < plane; p++) {
      int v = rgb[p];
      x[off + p] = unit[(v >> 16) & 0xff];
      x[off + plane + p] = unit[(v >> 8) & 0xff];
      x[off + 2 * plane + p] = unit[v & 0xff];
    }
  }

  private static BufferedImage load(Path f) {
    try {
      BufferedImage img = ImageIO.read(f.toFile());
      if (img == null) {
        throw new MalformedDataException(f, "not a readable JPEG or PNG image");
      }
      return img;
    } catch (IOException e) {
      throw new MalformedDataException(f, "cannot decode image (" + e.getMessage() + ")", e);
    }
  }

  private static List<String> subfolders(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static List<Path> imageFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return EXTENSIONS.stream().anyMatch(n::endsWith);
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
