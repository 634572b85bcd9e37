import { z } from 'zod';

const Coordinate = z.number().finite();

/**
 * A place the model pointed at, in the pixels of the person's own picture as they see it (upright,
 * after its EXIF orientation, before Seer resized it): a box, or points (one for a spot, several for a
 * path such as a palm line). For a video, the pixels are the video's own and `frame` names the sampled
 * frame the model looked at.
 */
export const RegionSchema = z
  .object({
    /** The media item's `index`, as in the `media` event. */
    image: z.number().int().nonnegative(),
    /** What the model called it; empty when it gave no name. */
    label: z.string(),
    /** `[x1, y1, x2, y2]`, left-top then right-bottom. */
    box: z.tuple([Coordinate, Coordinate, Coordinate, Coordinate]).optional(),
    /** `[[x, y], …]`: one point, or a path in order. */
    points: z
      .array(z.tuple([Coordinate, Coordinate]))
      .min(1)
      .optional(),
    /** For a video: the position of the sampled frame in the item's `frames`, 0-based. */
    frame: z.number().int().nonnegative().optional(),
    /** For a video: the time of that frame in seconds. */
    time: z.number().nonnegative().optional(),
    /** Where the mark was written in the answer text: `[start, end)` character offsets. */
    span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  })
  .meta({ id: 'Region' });
/** A place the model pointed at, in the pixels of the person's picture. */
export type Region = z.infer<typeof RegionSchema>;

/**
 * The part of a result every task shares when the model marked places: the regions, and how many
 * marks were dropped because they were malformed or outside the picture.
 */
export const GroundedResultSchema = z
  .object({
    regions: z.array(RegionSchema).optional(),
    /** Marks that could not be placed (malformed, outside the picture, or naming no picture): never drawn. */
    regionsDropped: z.number().int().nonnegative().optional(),
  })
  .catchall(z.unknown());
