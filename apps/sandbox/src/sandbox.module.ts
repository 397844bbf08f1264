import { DynamicModule, Module } from '@nestjs/common';
import { ActionablePurchases } from './actions/actionable-purchase';
import { ActionsController } from './actions/actions.controller';
import { PurchaseEditsService } from './actions/edits/purchase-edits.service';
import { PurchaseActionsService } from './actions/purchase-actions.service';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { ControlController } from './control/control.controller';
import { ControlService } from './control/control.service';
import { CreatePurchaseService } from './purchases/create-purchase.service';
import { PurchasesController } from './purchases/purchases.controller';
import type { SandboxOptions } from './sandbox-options';
import { SandboxStateModule } from './sandbox-state.module';
import { TariffsController } from './tariffs/tariffs.controller';

@Module({})
export class SandboxModule {
  static forOptions(options: SandboxOptions): DynamicModule {
    return {
      module: SandboxModule,
      imports: [SandboxStateModule.forOptions(options)],
      controllers: [PurchasesController, ActionsController, TariffsController, ControlController],
      providers: [
        BearerAuthGuard,
        CreatePurchaseService,
        ActionablePurchases,
        PurchaseActionsService,
        PurchaseEditsService,
        ControlService,
      ],
    };
  }
}
