/**
 * Whether this instance should get new requests. A load balancer asks /api/health/ready; at shutdown
 * the instance starts draining first, answers 503 there, and the balancer sends the next requests to
 * the others while the ones in flight finish.
 */
export class Readiness {
  private isDraining = false;

  /** From now on readiness answers 503; requests already accepted are still served. */
  drain(): void {
    this.isDraining = true;
  }

  get draining(): boolean {
    return this.isDraining;
  }
}
