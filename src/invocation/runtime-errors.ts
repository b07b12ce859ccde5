// Lambda's own error documents for failures outside the handler's control,
// worded as AWS words them (see shared/parity recordings).
import { scrubHostPaths } from '../util/host-paths.js';

export interface RuntimeErrorDoc {
  errorType: string;
  errorMessage: string;
}

export const RuntimeErrors = {
  timeout(requestId: string, timeoutSec: number): RuntimeErrorDoc {
    return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSec.toFixed(2)} seconds` };
  },
  initTimeout(requestId: string, seconds: number): RuntimeErrorDoc {
    return { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: INIT phase timed out after ${seconds.toFixed(2)} seconds` };
  },
  exited(requestId: string, code: number | null, signal: string | null): RuntimeErrorDoc {
    const how = signal ? `signal: ${signalName(signal)}` : `exit status ${code ?? 0}`;
    return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${how}` };
  },
  exitedWithoutReason(requestId: string): RuntimeErrorDoc {
    return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited without providing a reason` };
  },
  outOfMemory(requestId: string): RuntimeErrorDoc {
    return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed` };
  },
  /** `detail` is Lambent's own error text: host paths in it are replaced (the full text belongs in Lambent's log). */
  sandboxFailure(requestId: string, detail: string): RuntimeErrorDoc {
    return { errorType: 'Sandbox.Failure', errorMessage: `RequestId: ${requestId} Error: ${scrubHostPaths(detail)}` };
  },
} as const;

function signalName(signal: string): string {
  return signal === 'SIGKILL' ? 'killed' : signal === 'SIGSEGV' ? 'segmentation fault' : signal.replace(/^SIG/, '').toLowerCase();
}
