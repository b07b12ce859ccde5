// Accepting a deployment package: size limits, a full inspection of the zip
// (every entry inflated, paths and links checked) before anything is stored.
import { AwsError } from '../../protocol/errors.js';
import type { CodeStore, StoredCode } from '../../store/code-store.js';
import { inspectZip, LAMBDA_ZIP_LIMITS, ZipError } from '../../util/zip.js';
import { LambdaErrors } from './errors.js';
import { LIMITS } from './function-config.js';

/** Validates and durably stores a zip; the result is pinned until the caller unpins it. */
export async function acceptZip(zip: Buffer, code: CodeStore): Promise<StoredCode> {
  if (zip.length > LIMITS.zippedBytes) {
    throw new AwsError('RequestEntityTooLargeException', `Zipped size must be smaller than ${LIMITS.zippedBytes} bytes`, {
      status: 413,
    });
  }
  try {
    await inspectZip(zip, LAMBDA_ZIP_LIMITS);
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    switch (e.problem) {
      case 'not-a-zip':
      case 'empty':
      case 'corrupt-entry':
        throw LambdaErrors.unzipFailed();
      case 'too-large-unzipped':
        throw LambdaErrors.invalidParameter(`Unzipped size must be smaller than ${LIMITS.unzippedBytes} bytes`);
      default:
        throw LambdaErrors.invalidParameter(
          `Could not unzip uploaded file. Please check your file, then try to upload again. Refused: ${e.message}`,
        );
    }
  }
  return code.put(zip);
}
