import { parseSeconds } from '../core/option-values.js';
import { defineCommand } from './definition.js';
import { DOCTOR_DEFAULTS } from '../core/settings.js';
import type { DoctorOptions } from './doctor.js';

/** `doctor`: the key, the base URL, the scopes and the clock, each with the fix. */
export const doctorCommand = defineCommand<DoctorOptions>({
  name: 'doctor',
  description: 'check the API key, the base URL, the key\'s scopes and the clock, each with the fix',
  arguments: [],
  options: [
    { key: 'baseUrl', value: '<url>', description: 'base URL to check (env OPENPROSPECT_BASE_URL, config baseUrl)', default: DOCTOR_DEFAULTS.baseUrl, layered: true },
    { key: 'timeout', value: '<seconds>', description: 'timeout of each request', parse: parseSeconds, default: DOCTOR_DEFAULTS.timeout, layered: true },
  ],
  help: `
Examples:
  $ op-errors doctor
  $ op-errors doctor --json
  $ OPENPROSPECT_API_KEY=lnc_test_read_only op-errors doctor --base-url http://127.0.0.1:4010/api/v1`,
  load: async () => {
    const { runDoctor } = await import('./doctor.js');
    return { run: runDoctor };
  },
});
