/**
 * A Python source root found in a workspace: the folder that holds a top package (`backend/`
 * holding `app/`). Module names are dotted paths from here.
 */
export interface SourceRoot {
  /** Absolute path of the source root. */
  dir: string;
  /** Absolute path of the top package folder (`<dir>/app`). */
  topPackageDir: string;
  /** Absolute paths of the `.py` files of the top package, sorted. */
  files: string[];
}

/** Something discovery or reading passed over, said once, in one line. */
export interface InputWarning {
  path: string;
  message: string;
  /** It exists but could not be read (a folder or file without permission): the result is incomplete, an error. */
  unreadable?: boolean;
}
