/** Where an image's original bytes live in the object store. */
export const originalKey = (imageId: string) => `originals/${imageId}`;

/** The prefix under which vision writes an image's card crops. */
export const cropsPrefix = (imageId: string) => `crops/${imageId}/`;

/** The crop of one detected card (written by vision, same convention). */
export const cropKey = (imageId: string, cardIndex: number) => `${cropsPrefix(imageId)}${cardIndex}.jpg`;

/** The prefix of an image's thumbnails (made on first read, deleted with the image). */
export const thumbnailsPrefix = (imageId: string) => `thumbnails/${imageId}/`;

/** The thumbnail of an image, or of one card's crop. */
export const thumbnailKey = (imageId: string, cardIndex?: number) =>
  `${thumbnailsPrefix(imageId)}${cardIndex === undefined ? "image" : `card-${cardIndex}`}.webp`;

/** The lease that keeps an image readable. */
export const imageLeaseKey = (imageId: string) => `image:${imageId}`;
