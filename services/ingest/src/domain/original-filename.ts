/** The longest file name kept, as `POST /imports/uploads` accepts it. */
export const MAX_FILENAME_LENGTH = 255;

// C0 and C1 controls (NUL cannot be stored in a text column; CR and LF forge lines) and the bidirectional overrides
// and isolates that make `gpj.exe` read as `exe.jpg`.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The name an uploaded file is kept under: a label shown back to its owner, never a path (objects are keyed by the
 * image's id). Its folders are dropped (`../../x.jpg` → `x.jpg`, `C:\x.jpg` → `x.jpg`), unsafe characters removed, and
 * a longer name cut to {@link MAX_FILENAME_LENGTH} characters keeping its extension. Null when nothing is left.
 */
export function originalFilename(name: string | null | undefined): string | null {
  const base = (name ?? "").replace(UNSAFE, "").split(/[\\/]/).pop()!.trim();
  if (!base) return null;
  const chars = [...base];
  if (chars.length <= MAX_FILENAME_LENGTH) return base;
  const ext = /\.[^.]{1,16}$/.exec(base)?.[0] ?? "";
  return chars.slice(0, MAX_FILENAME_LENGTH - ext.length).join("") + ext;
}
