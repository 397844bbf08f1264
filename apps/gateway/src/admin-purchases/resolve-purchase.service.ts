import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/database';
import type { Purchase } from '@app/database';
import { StreamSkillHttpError } from '@app/streamskill';
import { GatewayConfig } from '../config/gateway-config';
import { GatewayError, validationFailed } from '../errors/gateway-error';
import type { Actor } from '../ledger/ledger.types';
import { purchaseNotFound } from '../purchases/dto/request-params';
import { UpstreamPurchases, type UpstreamPurchase } from '../purchases/upstream/upstream-purchases';
import { LinkUpstreamPurchase } from '../reconciler/link-upstream-purchase';
import { ReleaseUnsettledPurchase } from '../reconciler/release-unsettled-purchase';
import { AlreadySettledError } from '../reconciler/settlement-errors';
import { answerGraceMs } from '../reconciler/settle-timing';
import { RequestContext } from '../tenancy/request-context';
import { ResolvePurchaseDto } from './admin-purchase.dto';

const RESOLVABLE = ['pending', 'needs_review'] as const;

/**
 * POST /admin/purchases/{id}/resolve: an admin settles a purchase the reconciler could not, with the
 * reconciler's own exactly-once operations (a link captures once, a release releases once).
 */
@Injectable()
export class ResolvePurchase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: GatewayConfig,
    private readonly upstream: UpstreamPurchases,
    private readonly link: LinkUpstreamPurchase,
    private readonly release: ReleaseUnsettledPurchase,
  ) {}

  async execute(purchaseId: number, dto: ResolvePurchaseDto): Promise<void> {
    const purchase = await this.prisma.purchase.findUnique({ where: { id: purchaseId } });
    if (!purchase) throw purchaseNotFound();
    RequestContext.annotateAudit({
      target: String(purchaseId),
      customerId: purchase.customerId,
      details: { action: dto.action, ...(dto.upstreamId ? { upstreamId: dto.upstreamId } : {}) },
    });
    this.assertAwaitingResolution(purchase);
    try {
      if (dto.action === 'release') return await this.releaseIt(purchase, dto);
      await this.linkIt(purchase, dto.upstreamId as number);
    } catch (error) {
      if (error instanceof AlreadySettledError) throw notAwaiting(purchaseId, 'it was settled meanwhile');
      if (isUniqueViolation(error)) throw alreadyLinked(dto.upstreamId as number);
      throw error;
    }
  }

  private async releaseIt(purchase: Purchase, dto: ResolvePurchaseDto): Promise<void> {
    if (dto.upstreamId !== undefined) {
      throw validationFailed({ upstreamId: ['upstreamId is only for the link action.'] });
    }
    await this.release.execute({
      purchaseId: purchase.id,
      actor: adminActor(),
      reason: 'released by an admin',
      from: RESOLVABLE,
    });
  }

  private async linkIt(purchase: Purchase, upstreamId: number): Promise<void> {
    const owner = await this.prisma.purchase.findUnique({ where: { upstreamId }, select: { id: true } });
    if (owner) throw alreadyLinked(upstreamId, owner.id);
    const upstream = await this.fetchUpstream(upstreamId);
    if (upstream.tarif !== purchase.tarifId) {
      throw validationFailed({
        upstreamId: [
          `Upstream purchase ${upstreamId} is of tariff ${upstream.tarif}, not ${purchase.tarifId}.`,
        ],
      });
    }
    await this.link.execute({ purchaseId: purchase.id, upstream, actor: adminActor(), from: RESOLVABLE });
  }

  private async fetchUpstream(upstreamId: number): Promise<UpstreamPurchase> {
    try {
      return await this.upstream.get(upstreamId);
    } catch (error) {
      if (error instanceof StreamSkillHttpError && error.status === 404) {
        throw validationFailed({
          upstreamId: [`StreamSkill has no purchase ${upstreamId} on this account.`],
        });
      }
      throw error;
    }
  }

  /** needs_review, or pending once its create call can no longer be answering. */
  private assertAwaitingResolution(purchase: Purchase): void {
    if (purchase.billingState === 'needs_review') return;
    if (purchase.billingState !== 'pending') {
      throw notAwaiting(purchase.id, `its billing state is ${purchase.billingState}`);
    }
    if (Date.now() - purchase.createdAt.getTime() < answerGraceMs(this.config)) {
      throw notAwaiting(purchase.id, "StreamSkill's answer to its create may still arrive");
    }
  }
}

function adminActor(): Actor {
  return { type: 'admin', id: RequestContext.current()?.principal?.keyId ?? null };
}

function notAwaiting(purchaseId: number, why: string): GatewayError {
  return new GatewayError(409, 'conflict', `Purchase ${purchaseId} is not awaiting resolution: ${why}.`);
}

function alreadyLinked(upstreamId: number, purchaseId?: number): GatewayError {
  const owner = purchaseId === undefined ? 'another purchase' : `purchase ${purchaseId}`;
  return validationFailed({ upstreamId: [`Upstream purchase ${upstreamId} already belongs to ${owner}.`] });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
