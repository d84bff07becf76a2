package io.nash.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageShapeTest {

  @Test
  void parsesAndFormatsCxHxW() {
    ImageShape s = ImageShape.parse(" 3X32x32 ");
    assertEquals(new ImageShape(3, 32, 32), s);
    assertEquals("3x32x32", s.toString());
    assertEquals(s, ImageShape.parse(s.toString()));
    assertEquals(3 * 32 * 32, s.size());
    assertEquals(32 * 32, s.planeSize());
  }

  @Test
  void theImagenetStemStartsAt64PixelsInBothDimensions() {
    assertTrue(ImageShape.parse("3x64x64").imagenetStem());
    assertFalse(ImageShape.parse("3x64x63").imagenetStem());
    assertFalse(ImageShape.parse("1x28x28").imagenetStem());
  }

  @Test
  void badShapesNameTheValueAndTheForm() {
    for (String bad : new String[] {"224x224", "3x32x32x", "3xax32", "", "3x0x32"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ImageShape.parse(bad), bad);
      assertTrue(
          e.getMessage().contains(bad.isEmpty() ? "''" : bad) || e.getMessage().contains("3x0x32"),
          e.getMessage());
    }
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new ImageShape(0, 28, 28))
            .getMessage()
            .contains("0x28x28: every dimension must be >= 1"));
  }
}
