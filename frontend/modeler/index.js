// The process designer's modeler: bpmn-js with the properties panel, the Camunda moddle and behaviours, our
// 审批属性 group and the zh-CN translation. Exposed as window.BpmnPanelModeler.create(options).
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import ApprovalPropertiesProvider from './approval-properties.js';
import translateModule from './translate.js';

const approvalModule = { __init__: ['approvalPropertiesProvider'], approvalPropertiesProvider: ['type', ApprovalPropertiesProvider] };

// keyboard: diagram-js 15 binds it implicitly to the canvas (the old `keyboard.bindTo` option is gone and
// warned "unsupported configuration <keyboard.bindTo>"), so no keyboard option is passed
export function create({ container, propertiesParent, language, approvalOptions }) {
  const modeler = new BpmnModeler({
    container,
    propertiesPanel: { parent: propertiesParent },
    approvalOptions,
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule, approvalModule, translateModule(language)],
    moddleExtensions: { camunda: camundaModdle },
  });
  return modeler;
}
