import { HttpContextToken } from '@angular/common/http';

/** Set on a request whose 401 is an expected answer (the start-up "who am I"), not a lost session. */
export const SESSION_PROBE = new HttpContextToken<boolean>(() => false);
