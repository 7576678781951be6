// 审批属性: this product's properties of a BPMN element in the bpmn-js properties panel. Values are picked from
// the server's lists (departments and roles, forms) passed as `approvalOptions` in the modeler config.
import { h } from '@bpmn-io/properties-panel/preact';
import { SelectEntry, TextFieldEntry, CheckboxEntry, isSelectEntryEdited, isTextFieldEntryEdited,
  isCheckboxEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { is, getBusinessObject } from 'bpmn-js/lib/util/ModelUtil';
import { getProperty, setProperty } from './camunda-properties.js';

const CO_COLLECTION = 'co_departments';
const CO_ELEMENT = 'co_department';
const LIMIT = /^working_days_from_now\((\d+)\)$/;

function services() {
  return { translate: useService('translate'), debounce: useService('debounceInput'),
    bpmnFactory: useService('bpmnFactory'), commandStack: useService('commandStack'),
    modeling: useService('modeling'), options: useService('config.approvalOptions') || {} };
}

function choices(list, translate, current) {
  const result = [{ value: '', label: translate('(none)') }].concat((list || []).map(o => ({ value: o.value, label: o.label })));
  if (current && !result.some(o => o.value === current)) result.push({ value: current, label: current + ' ' + translate('(unknown)') });
  return result;
}

function PropertyText(props) {
  const { element, id, name, label, description, validate } = props;
  const s = services();
  return h(TextFieldEntry, { element, id, label: s.translate(label), description: description && s.translate(description),
    debounce: s.debounce, validate,
    getValue: () => getProperty(getBusinessObject(element), name),
    setValue: value => setProperty(element, name, (value || '').trim(), s.bpmnFactory, s.commandStack) });
}

function StepEntry(props) {
  return h(PropertyText, { ...props, name: 'step', label: 'Step', description: 'Step code, e.g. review' });
}

function LimitEntry(props) {
  return h(PropertyText, { ...props, name: 'step_limit_days', label: 'Step limit (working days)',
    validate: value => (value && !/^\d+$/.test(value) ? 'Whole working days' : null) });
}

function DecisionsEntry(props) {
  return h(PropertyText, { ...props, name: 'decisions', label: 'Decisions', description: 'e.g. approve,reject,return' });
}

function CandidateGroupEntry(props) {
  const { element, id } = props;
  const s = services();
  const get = () => getBusinessObject(element).get('camunda:candidateGroups') || '';
  return h(SelectEntry, { element, id, label: s.translate('Candidate group'),
    getValue: get, getOptions: () => choices(s.options.candidate_groups, s.translate, get()),
    setValue: value => s.modeling.updateProperties(element, { 'camunda:candidateGroups': value || undefined }) });
}

function FormKeyEntry(props) {
  const { element, id } = props;
  const s = services();
  const get = () => getBusinessObject(element).get('camunda:formKey') || '';
  return h(SelectEntry, { element, id, label: s.translate('Form'),
    getValue: get, getOptions: () => choices(s.options.form_keys, s.translate, get()),
    setValue: value => s.modeling.updateProperties(element, { 'camunda:formKey': value || undefined }) });
}

function CoDepartmentsEntry(props) {
  const { element, id } = props;
  const s = services();
  const loop = () => getBusinessObject(element).get('loopCharacteristics');
  return h(CheckboxEntry, { element, id, label: s.translate('One instance per co-department (countersign)'),
    getValue: () => { const l = loop(); return !!l && l.get('camunda:collection') === CO_COLLECTION; },
    setValue: on => {
      if (!on) { s.modeling.updateProperties(element, { loopCharacteristics: undefined }); return; }
      const characteristics = s.bpmnFactory.create('bpmn:MultiInstanceLoopCharacteristics',
        { 'camunda:collection': CO_COLLECTION, 'camunda:elementVariable': CO_ELEMENT });
      s.modeling.updateProperties(element, { loopCharacteristics: characteristics });
    } });
}

function timeDate(element) {
  const definition = (getBusinessObject(element).get('eventDefinitions') || [])[0];
  return definition && definition.get('timeDate');
}

function TimerLimitEntry(props) {
  const { element, id } = props;
  const s = services();
  return h(TextFieldEntry, { element, id, label: s.translate('Fires after (working days)'), debounce: s.debounce,
    validate: value => (value && !/^\d+$/.test(value) ? 'Whole working days' : null),
    getValue: () => { const t = timeDate(element); const m = t && LIMIT.exec((t.get('body') || '').trim()); return m ? m[1] : ''; },
    setValue: value => {
      const definition = getBusinessObject(element).get('eventDefinitions')[0];
      const expression = s.bpmnFactory.create('bpmn:FormalExpression', { body: 'working_days_from_now(' + (value || 1) + ')' });
      s.commandStack.execute('element.updateModdleProperties', { element, moddleElement: definition,
        properties: { timeDate: expression, timeDuration: undefined, timeCycle: undefined } });
    } });
}

function conditionOf(element) {
  const condition = getBusinessObject(element).get('conditionExpression');
  return condition ? condition.get('body') || '' : '';
}

function setCondition(element, body, s) {
  const expression = body ? s.bpmnFactory.create('bpmn:FormalExpression', { body }) : undefined;
  s.modeling.updateProperties(element, { conditionExpression: expression });
}

function ConditionDecisionEntry(props) {
  const { element, id } = props;
  const s = services();
  const get = () => { const m = /^decision == "(\w+)"$/.exec(conditionOf(element)); return m ? m[1] : ''; };
  return h(SelectEntry, { element, id, label: s.translate('When the decision is'),
    getValue: get, getOptions: () => choices(s.options.decisions, s.translate, get()),
    setValue: value => setCondition(element, value ? 'decision == "' + value + '"' : '', s) });
}

function ConditionEntry(props) {
  const { element, id } = props;
  const s = services();
  return h(TextFieldEntry, { element, id, label: s.translate('Condition (expression)'), debounce: s.debounce,
    getValue: () => conditionOf(element), setValue: value => setCondition(element, (value || '').trim(), s) });
}

function entries(element) {
  const list = [];
  const entry = (id, component, isEdited) => list.push({ id, component, isEdited, element });
  if (is(element, 'bpmn:UserTask')) {
    entry('approval-step', StepEntry, isTextFieldEntryEdited);
    entry('approval-candidate-group', CandidateGroupEntry, isSelectEntryEdited);
    entry('approval-form-key', FormKeyEntry, isSelectEntryEdited);
    entry('approval-limit', LimitEntry, isTextFieldEntryEdited);
    entry('approval-decisions', DecisionsEntry, isTextFieldEntryEdited);
    entry('approval-co-departments', CoDepartmentsEntry, isCheckboxEntryEdited);
  }
  if (is(element, 'bpmn:SequenceFlow')) {
    const source = element.source && getBusinessObject(element.source);
    if (source && (is(source, 'bpmn:ExclusiveGateway') || is(source, 'bpmn:InclusiveGateway'))) {
      entry('approval-condition-decision', ConditionDecisionEntry, isSelectEntryEdited);
      entry('approval-condition', ConditionEntry, isTextFieldEntryEdited);
    }
  }
  if (is(element, 'bpmn:BoundaryEvent')) {
    const definition = (getBusinessObject(element).get('eventDefinitions') || [])[0];
    if (definition && is(definition, 'bpmn:TimerEventDefinition')) entry('approval-timer-limit', TimerLimitEntry, isTextFieldEntryEdited);
  }
  return list;
}

export default function ApprovalPropertiesProvider(propertiesPanel, translate) {
  this._translate = translate;
  propertiesPanel.registerProvider(400, this);
}
ApprovalPropertiesProvider.prototype.getGroups = function (element) {
  const translate = this._translate;
  return groups => {
    const list = entries(element);
    if (list.length) {
      const group = { id: 'approval', label: translate('Approval properties'), entries: list };
      const general = groups.findIndex(g => g.id === 'general');
      groups.splice(general + 1, 0, group);
    }
    return groups;
  };
};
ApprovalPropertiesProvider.$inject = ['propertiesPanel', 'translate'];
