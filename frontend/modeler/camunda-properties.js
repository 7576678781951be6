// Reading and writing <camunda:properties><camunda:property name value/></camunda:properties> of an element
// as one undoable command (the properties panel's multi-command executor).
function propertiesOf(bo) {
  const ext = bo.get('extensionElements');
  return ext && (ext.get('values') || []).find(v => v.$instanceOf('camunda:Properties'));
}

export function getProperty(bo, name) {
  const properties = propertiesOf(bo);
  const found = properties && (properties.get('values') || []).find(p => p.name === name);
  return found ? found.value || '' : '';
}

export function setProperty(element, name, value, bpmnFactory, commandStack) {
  const bo = element.businessObject;
  const commands = [];
  let ext = bo.get('extensionElements');
  if (!ext) {
    ext = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    ext.$parent = bo;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: bo, properties: { extensionElements: ext } } });
  }
  let properties = propertiesOf(bo);
  if (!properties) {
    if (!value) return;
    properties = bpmnFactory.create('camunda:Properties', { values: [] });
    properties.$parent = ext;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: ext, properties: { values: (ext.get('values') || []).concat(properties) } } });
  }
  const existing = (properties.get('values') || []).find(p => p.name === name);
  if (!value && existing) {
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: properties, properties: { values: properties.get('values').filter(p => p !== existing) } } });
  } else if (value && existing) {
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: existing, properties: { value } } });
  } else if (value) {
    const property = bpmnFactory.create('camunda:Property', { name, value });
    property.$parent = properties;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: properties, properties: { values: (properties.get('values') || []).concat(property) } } });
  }
  if (commands.length) commandStack.execute('properties-panel.multi-command-executor', commands);
}
