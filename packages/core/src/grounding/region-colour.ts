/** Saturated colours, far apart from one another and from skin, sky and foliage. */
const PALETTE = ['#ff2d55', '#0a84ff', '#ffcc00', '#34c759', '#af52de', '#ff9500', '#5ac8fa', '#ff6482'];

/** `#rrggbb` of a hue (degrees) at 85 % saturation and 55 % lightness (the CSS HSL conversion). */
function hueToHex(hue: number): string {
  const [saturation, lightness] = [0.85, 0.55];
  const amplitude = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - amplitude * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/**
 * The colour of the region at `index` of a result, as `#rrggbb`, the same in the playground and in
 * the command's annotated pictures: a fixed palette, then hues a golden angle apart, so that
 * neighbours never share a colour.
 */
export function regionColour(index: number): string {
  return PALETTE[index] ?? hueToHex((index * 137.508) % 360);
}
